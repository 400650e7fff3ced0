import type { MockSystemTaskList, MockUpsertSummary, SystemTask } from '../src/openapi/generated/schemas';
import { AdminApiError, callAdmin } from './admin-api';
import type { DashboardContext } from './context';
import { badge, dataTable, expandableRow, h, json, messageLine, panel, replaceChildren, shortTime } from './dom';
import { LOG_LEVELS, SYSTEM_TASK_STATUSES } from './spec-enums';

const SHOWN = 200;
// The form's fields, by the property of SystemTask each one fills: the admin API's errors name that property.
const FIELDS = ['name', 'uid', 'status', 'description', 'duration', 'messages'] as const;
type Field = (typeof FIELDS)[number];

/** System tasks: the table (a row opens its messages) and the form that adds or replaces a task. */
export function createSystemTasksPanel(ctx: DashboardContext): { element: HTMLElement; refresh(): Promise<void> } {
  let tasks: SystemTask[] = [];
  const body = h('tbody');
  const shown = h('p', { class: 'hint' });
  const table = dataTable('System tasks', ['Name', 'UID', 'Status', 'Finished', 'Duration'], body);

  const refresh = async () => {
    const list = await callAdmin<MockSystemTaskList>('GET', `/system-tasks?limit=${SHOWN}`);
    tasks = list.system_tasks;
    shown.textContent = list.count > tasks.length ? `Showing ${tasks.length} of ${list.count} tasks, by name.` : `${list.count} tasks, by name.`;
    replaceChildren(
      body,
      ...tasks.flatMap((task) =>
        expandableRow(task.full_name, [task.uid ?? '', badge(task.status), shortTime(task.finish_timestamp), `${task.duration.toFixed(2)} s`], () => taskDetail(task), 5),
      ),
    );
  };

  const form = createTaskForm(async (task) => {
    const existing = tasks.find((t) => t.name === task.name && (t.uid ?? '') === (task.uid ?? ''));
    const summary = await callAdmin<MockUpsertSummary>('POST', '/system-tasks', [{ ...task, uuid: existing?.uuid ?? crypto.randomUUID() }]);
    ctx.refreshState();
    return summary.created === 1 ? `Added ${task.name}.` : `Replaced ${task.name}.`;
  });
  return { element: panel('system-tasks', 'System tasks', shown, h('div', { class: 'scroll' }, table), form), refresh };
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
function createTaskForm(save: (task: Omit<SystemTask, 'uuid' | 'full_name'>) => Promise<string>): HTMLElement {
  const message = messageLine();
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
    } catch (error) {
      showError(error as Error);
    }
  });

  // "request body: /0/messages/0/log_level: must be …": the first segment after the task's index is the field.
  const showError = (error: Error) => {
    const match = error instanceof AdminApiError ? /^request body: \/0\/([^/:]+)[^:]*: (.*)$/.exec(error.message) : null;
    const field = match?.[1] as Field | undefined;
    const target = field && errors.get(field);
    if (!target) return message.error(error.message);
    target.textContent = `${error.message.slice('request body: /0/'.length)}`;
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
