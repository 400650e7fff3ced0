import type { LogEvent, Task } from '../src/openapi/generated/schemas-2025.8';
import type { DashboardContext } from './context';
import { badge, dataTable, expandableRow, h, json, panel, replaceChildren, shortTime } from './dom';
import { createPagedList, readAdminPage } from './paged-list';
import { rowActions } from './row-actions';
import { stateMessage } from './state-message';
import { createJsonUpsertForm } from './json-upsert-form';
import { relatedObject } from './related-object';
import { TASK_AGGREGATED_STATUSES, TASK_STATES } from './spec-enums';

const COLUMNS = ['Actor', 'State', 'Aggregated status', 'Queue', 'Modified', 'UID', 'Related object', 'Actions'];

/**
 * authentik 2025.8's tasks (Dramatiq messages): the table, newest first, searched, filtered by state and
 * aggregated status (the choices are the spec's) and paged by the admin API, so that ten thousand tasks are
 * fifty rows at a time (asking authentik's own /api/v3/tasks/tasks/ would put the dashboard's reads in the
 * journal QA is inspecting, and need an authentik token). A row opens its messages and previous_messages, and
 * retries or deletes its task. Tasks are added or replaced by pasting their JSON (POST /__mock__/tasks):
 * authentik's API has no route that creates one.
 */
export function createTasksPanel(ctx: DashboardContext): { element: HTMLElement; refresh(): Promise<void> } {
  const body = h('tbody');
  const message = stateMessage(ctx);
  const table = dataTable('Tasks', COLUMNS, body);
  const filter = (id: string, values: readonly string[]) => h('select', { id }, h('option', { value: '' }, 'any'), ...values.map((value) => h('option', { value }, value)));
  const state = filter('tasks-state', TASK_STATES);
  const status = filter('tasks-aggregated-status', TASK_AGGREGATED_STATUSES);
  const form = createJsonUpsertForm({ id: 'task-json', title: 'Add or replace tasks', path: '/tasks', noun: ['task', 'tasks'], hint: 'a task with the same message_id is replaced', ctx });
  const actions = (task: Task) =>
    rowActions(ctx, message, task.uid, [
      { verb: 'Retry', method: 'POST', path: `/tasks/${task.message_id}/retry`, done: (retried) => `Retried ${task.uid}: ${(retried as Task).state}.` },
      { verb: 'Delete', method: 'DELETE', path: `/tasks/${task.message_id}`, done: () => `Deleted ${task.uid}.` },
    ]);
  const list = createPagedList<Task>({
    id: 'tasks',
    noun: ['task', 'tasks'],
    order: 'newest first',
    searchHint: "actor, uid, queue, state, status or id, as authentik's search finds them",
    read: (search, offset, limit) => readAdminPage<Task>('/tasks', 'tasks', { search, state: state.value, aggregated_status: status.value, offset: String(offset), limit: String(limit) }),
    render: (tasks) =>
      replaceChildren(
        body,
        ...tasks.flatMap((task) =>
          expandableRow(
            task.actor_name,
            [task.state === undefined ? '' : badge(task.state), badge(task.aggregated_status), task.queue_name ?? '', task.mtime === undefined ? '' : shortTime(task.mtime), task.uid, relatedObject(task), actions(task)],
            () => taskDetail(task, form.fill),
            COLUMNS.length,
          ),
        ),
      ),
  });
  state.addEventListener('change', () => void list.first());
  status.addEventListener('change', () => void list.first());

  const filters = h('div', { class: 'field-row' }, h('label', { for: 'tasks-state' }, 'State'), state, h('label', { for: 'tasks-aggregated-status' }, 'Aggregated status'), status);
  return { element: panel('tasks', 'Tasks', filters, list.controls, list.status, h('div', { class: 'scroll' }, table), message.element, form.element), refresh: list.refresh };
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
