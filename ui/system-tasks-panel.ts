import type { MockSystemTaskList, MockUpsertSummary, SystemTask } from '../src/openapi/generated/schemas';
import { AdminApiError, callAdmin } from './admin-api';
import type { DashboardContext } from './context';
import { badge, dataTable, expandableRow, h, json, panel, replaceChildren, shortTime } from './dom';
import { createPagedList, readAdminPage } from './paged-list';
import { rowActions } from './row-actions';
import { stateMessage } from './state-message';
import { LOG_LEVELS, SYSTEM_TASK_STATUSES } from './spec-enums';

// The form's fields, by the property of SystemTask each one fills: the admin API's errors name that property.
const FIELDS = ['name', 'uid', 'status', 'description', 'duration', 'messages'] as const;
type Field = (typeof FIELDS)[number];
const COLUMNS = ['Name', 'UID', 'Status', 'Finished', 'Duration', 'Actions'];

/**
 * System tasks: the table, searched and paged by the admin API (fifty rows at a time, however many tasks;
 * a row opens its messages, and runs or deletes its task), and the form that adds or replaces a task.
 */
export function createSystemTasksPanel(ctx: DashboardContext): { element: HTMLElement; refresh(): Promise<void> } {
  const body = h('tbody');
  const message = stateMessage(ctx);
  const table = dataTable('System tasks', COLUMNS, body);
  const actions = (task: SystemTask) =>
    rowActions(ctx, message, task.full_name, [
      { verb: 'Run', method: 'POST', path: `/system-tasks/${task.uuid}/run`, done: (ran) => `Ran ${task.full_name}: ${(ran as SystemTask).status}.` },
      { verb: 'Delete', method: 'DELETE', path: `/system-tasks/${task.uuid}`, done: () => `Deleted ${task.full_name}.` },
    ]);
  const list = createPagedList<SystemTask>({
    id: 'system-tasks',
    noun: ['system task', 'system tasks'],
    order: 'by name',
    searchHint: "name, description, uid or status, as authentik's search finds them",
    read: (search, offset, limit) => readAdminPage<SystemTask>('/system-tasks', 'system_tasks', { search, offset: String(offset), limit: String(limit) }),
    render: (tasks) =>
      replaceChildren(
        body,
        ...tasks.flatMap((task) => expandableRow(task.full_name, [task.uid ?? '', badge(task.status), shortTime(task.finish_timestamp), `${task.duration.toFixed(2)} s`, actions(task)], () => taskDetail(task), COLUMNS.length)),
      ),
  });

  const form = createTaskForm(async (task) => {
    // The task with this name and uid keeps its uuid (the admin API replaces by uuid); the page holds only one page of tasks.
    const { system_tasks } = await callAdmin<MockSystemTaskList>('GET', `/system-tasks?${new URLSearchParams({ search: task.name, limit: '10000' })}`);
    const existing = system_tasks.find((t) => t.name === task.name && (t.uid ?? '') === (task.uid ?? ''));
    const summary = await callAdmin<MockUpsertSummary>('POST', '/system-tasks', [{ ...task, uuid: existing?.uuid ?? crypto.randomUUID() }]);
    return summary.created === 1 ? `Added ${task.name}.` : `Replaced ${task.name}.`;
  }, ctx);
  return { element: panel('system-tasks', 'System tasks', list.controls, list.status, h('div', { class: 'scroll' }, table), message.element, form), refresh: list.refresh };
}

function taskDetail(task: SystemTask): Node {
  if (task.messages.length === 0) return h('p', {}, `${task.description} (no messages)`);
  return h(
    'div',
    {},
    h('p', {}, task.description),
    h('ul', { class: 'messages' }, ...task.messages.map((m) => h('li', {}, badge(m.log_level), ' ', m.event))),
    h('details', {}, h('summary', {}, 'Task JSON'), json(task)),
  );
}

/** The add-or-replace form; errors the admin API finds (checked against the spec) appear beside their field. */
function createTaskForm(save: (task: Omit<SystemTask, 'uuid' | 'full_name'>) => Promise<string>, ctx: DashboardContext): HTMLElement {
  const message = stateMessage(ctx);
  const errors = new Map<Field, HTMLElement>(FIELDS.map((field) => [field, h('span', { class: 'field-error', id: `task-${field}-error` })]));
  const control = <T extends HTMLElement>(field: Field, label: string, input: T, hint?: string) => {
    input.id = `task-${field}`;
    input.setAttribute('aria-describedby', `task-${field}-error${hint ? ` task-${field}-hint` : ''}`);
    return h('div', { class: 'field' }, h('label', { for: `task-${field}` }, label), input, hint ? h('span', { class: 'hint', id: `task-${field}-hint` }, hint) : null, errors.get(field));
  };
  const name = h('input', { type: 'text', required: true, autocomplete: 'off' });
  const uid = h('input', { type: 'text', autocomplete: 'off' });
  const status = h('select', {}, ...SYSTEM_TASK_STATUSES.map((s) => h('option', { value: s }, s)));
  const description = h('input', { type: 'text', autocomplete: 'off' });
  const duration = h('input', { type: 'number', min: 0, step: 'any', value: '1' });
  const messages = h('textarea', { rows: 3 });
  const form = h(
    'form',
    { class: 'task-form', 'aria-labelledby': 'task-form-title', novalidate: false },
    h('h3', { id: 'task-form-title' }, 'Add or replace a task'),
    control('name', 'Name', name),
    control('uid', 'UID', uid, 'optional; a task with the same name and UID is replaced'),
    control('status', 'Status', status),
    control('description', 'Description', description),
    control('duration', 'Duration (s)', duration),
    control('messages', 'Messages', messages, `one per line, "level: text"; levels: ${LOG_LEVELS.join(', ')}`),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save task')),
    message.element,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.clear();
    for (const [field, element] of errors) {
      element.textContent = '';
      form.querySelector(`#task-${field}`)?.removeAttribute('aria-invalid');
    }
    const finished = new Date();
    const seconds = Number(duration.value || 0);
    const task = {
      name: name.value,
      ...(uid.value === '' ? {} : { uid: uid.value }),
      status: status.value as SystemTask['status'],
      description: description.value,
      start_timestamp: new Date(finished.getTime() - seconds * 1000).toISOString(),
      finish_timestamp: finished.toISOString(),
      duration: seconds,
      messages: toMessages(messages.value, name.value, finished.toISOString()),
      expires: null,
      expiring: false,
    };
    try {
      message.ok(await save(task));
      ctx.refreshState(message);
    } catch (error) {
      showError(error as Error);
    }
  });

  // The admin API's sentence names the field of the one task sent: "The duration of system task 1 must be a
  // number.", "The log_level of message 1 of system task 1 must be …" (a message's field is the Messages field).
  const showError = (error: Error) => {
    const match = error instanceof AdminApiError ? /^The (\w+) of (?:(message) \d+ of )?system task 1 /.exec(error.message) : null;
    const field = (match?.[2] ? 'messages' : match?.[1]) as Field | undefined;
    const target = field && errors.get(field);
    if (!target) return message.error(error.message);
    target.textContent = error.message;
    form.querySelector(`#task-${field}`)?.setAttribute('aria-invalid', 'true');
    message.error('The task was not saved: see the field marked.');
  };
  return form;
}

/** `level: text` lines as LogEvents; a line without a level is `info`. The admin API checks the levels against the spec. */
function toMessages(text: string, logger: string, timestamp: string): SystemTask['messages'] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const match = /^([a-z]+):\s*(.*)$/i.exec(line);
      return { timestamp, log_level: (match ? match[1]!.toLowerCase() : 'info') as SystemTask['messages'][number]['log_level'], logger, event: match ? match[2]! : line, attributes: {} };
    });
}
