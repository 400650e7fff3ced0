import type { MockUpsertSummary } from '../src/openapi/generated/schemas';
import { callAdmin } from './admin-api';
import type { DashboardContext } from './context';
import { h } from './dom';
import { stateMessage } from './state-message';

export interface JsonUpsertOptions {
  /** The ids' prefix (`task-json`), unique on the page. */
  id: string;
  /** The form's heading, which also names it for tests and screen readers. */
  title: string;
  /** The admin API's upsert path (`/tasks`), whose body is an array of authentik objects. */
  path: string;
  /** The object's name, singular and plural, for the outcome line. */
  noun: readonly [one: string, many: string];
  /** What the admin API replaces by (its key), shown under the field. */
  hint: string;
  /** After a save the panels re-read the state, and the other panels' outcome lines are cleared. */
  ctx: DashboardContext;
}

/**
 * Add or replace authentik objects by pasting their JSON, as authentik's API gives them: one object or an array.
 * The page does not check the objects (it would have to restate the schema): the admin API validates them
 * against the version's spec, and its 400 line is shown as it gives it. `fill` puts an object in the field (a
 * row's "Edit as JSON"), so that replacing one starts from what is stored.
 */
export function createJsonUpsertForm(options: JsonUpsertOptions): { element: HTMLElement; fill(value: unknown): void } {
  const { id, noun } = options;
  const message = stateMessage(options.ctx);
  const text = h('textarea', { id, rows: 8, spellcheck: 'false', autocomplete: 'off', 'aria-describedby': `${id}-hint` });
  const form = h(
    'form',
    { class: 'json-form', 'aria-labelledby': `${id}-title` },
    h('h3', { id: `${id}-title` }, options.title),
    h('label', { for: id }, 'JSON'),
    text,
    h('p', { class: 'hint', id: `${id}-hint` }, `One ${noun[0]} or an array of them, as authentik's API gives them; ${options.hint}.`),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, `Save ${noun[1]}`)),
    message.element,
  );
  const count = (n: number) => `${n} ${n === 1 ? noun[0] : noun[1]}`;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.clear();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.value);
    } catch (error) {
      message.error(`Not valid JSON: ${(error as Error).message}`);
      return;
    }
    try {
      const summary = await callAdmin<MockUpsertSummary>('POST', options.path, Array.isArray(parsed) ? parsed : [parsed]);
      const parts = [summary.created > 0 && `added ${count(summary.created)}`, summary.replaced > 0 && `replaced ${count(summary.replaced)}`].filter(Boolean).join(', ');
      message.ok(parts === '' ? `Saved no ${noun[1]}.` : `${parts[0]!.toUpperCase()}${parts.slice(1)}.`);
      options.ctx.refreshState(message);
    } catch (error) {
      message.error((error as Error).message);
    }
  });
  const fill = (value: unknown) => {
    text.value = JSON.stringify(value, null, 2);
    message.clear();
    text.focus();
  };
  return { element: form, fill };
}
