import type { MockTaskList } from '../src/openapi/generated/schemas';
import type { LogEvent, Task } from '../src/openapi/generated/schemas-2025.8';
import { callAdmin } from './admin-api';
import type { DashboardContext } from './context';
import { badge, dataTable, expandableRow, h, json, panel, replaceChildren, shortTime } from './dom';
import { createJsonUpsertForm } from './json-upsert-form';
import { relatedObject } from './related-object';
import { TASK_AGGREGATED_STATUSES, TASK_STATES } from './spec-enums';

// Read in one go and filtered here: the admin list has no filters, and asking authentik's own
// /api/v3/tasks/tasks/ would put the dashboard's reads in the request journal QA is inspecting.
const READ = 1000;
const COLUMNS = ['Actor', 'State', 'Aggregated status', 'Queue', 'Modified', 'UID', 'Related object'];

/**
 * authentik 2025.8's tasks (Dramatiq messages): the table, newest first, filtered by state and aggregated
 * status (the choices are the spec's); a row opens its messages and previous_messages. Tasks are added or
 * replaced by pasting their JSON (POST /__mock__/tasks): authentik's API has no route that creates one.
 */
export function createTasksPanel(ctx: DashboardContext): { element: HTMLElement; refresh(): Promise<void> } {
  let tasks: Task[] = [];
  let total = 0;
  const body = h('tbody');
  const shown = h('p', { class: 'hint' });
  const table = dataTable('Tasks', COLUMNS, body);
  const filter = (id: string, values: readonly string[]) => h('select', { id }, h('option', { value: '' }, 'any'), ...values.map((value) => h('option', { value }, value)));
  const state = filter('tasks-state', TASK_STATES);
  const status = filter('tasks-aggregated-status', TASK_AGGREGATED_STATUSES);
  const form = createJsonUpsertForm({ id: 'task-json', title: 'Add or replace tasks', path: '/tasks', noun: ['task', 'tasks'], hint: 'a task with the same message_id is replaced', onSaved: () => ctx.refreshState() });

  const render = () => {
    const rows = tasks.filter((task) => (state.value === '' || task.state === state.value) && (status.value === '' || task.aggregated_status === status.value));
    const filtered = state.value !== '' || status.value !== '';
    const read = total > tasks.length ? ` (the newest ${tasks.length} of ${total} read)` : '';
    shown.textContent = filtered ? `${rows.length} of ${tasks.length} tasks match${read}, newest first.` : `${total} tasks${read}, newest first.`;
    replaceChildren(
      body,
      ...rows.flatMap((task) =>
        expandableRow(
          task.actor_name,
          [task.state === undefined ? '' : badge(task.state), badge(task.aggregated_status), task.queue_name ?? '', task.mtime === undefined ? '' : shortTime(task.mtime), task.uid, relatedObject(task)],
          () => taskDetail(task, form.fill),
          COLUMNS.length,
        ),
      ),
    );
  };
  state.addEventListener('change', render);
  status.addEventListener('change', render);

  const refresh = async () => {
    const list = await callAdmin<MockTaskList>('GET', `/tasks?limit=${READ}`);
    tasks = list.tasks;
    total = list.count;
    render();
  };
  const filters = h('div', { class: 'field-row' }, h('label', { for: 'tasks-state' }, 'State'), state, h('label', { for: 'tasks-aggregated-status' }, 'Aggregated status'), status);
  return { element: panel('tasks', 'Tasks', filters, shown, h('div', { class: 'scroll' }, table), form.element), refresh };
}

function taskDetail(task: Task, edit: (value: unknown) => void): Node {
  const editButton = h('button', { type: 'button' }, 'Edit as JSON');
  editButton.addEventListener('click', () => edit(task));
  return h(
    'div',
    { class: 'task-detail' },
    task.description === null ? null : h('p', {}, task.description),
    h('h4', {}, 'Messages'),
    logList(task.messages, 'task-messages'),
    h('h4', {}, 'Previous messages'),
    logList(task.previous_messages, 'task-previous-messages'),
    h('div', { class: 'actions' }, editButton),
    h('details', {}, h('summary', {}, 'Task JSON'), json(task)),
  );
}

/** A log (messages or previous_messages): level, time and text per entry. */
function logList(entries: readonly LogEvent[], className: string): HTMLElement {
  if (entries.length === 0) return h('p', { class: `hint ${className}` }, '(none)');
  return h('ul', { class: `messages ${className}` }, ...entries.map((m) => h('li', {}, badge(m.log_level), ' ', shortTime(m.timestamp), ' ', h('span', { class: 'event' }, m.event))));
}
