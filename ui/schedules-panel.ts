import type { MockScheduleList } from '../src/openapi/generated/schemas';
import type { Schedule } from '../src/openapi/generated/schemas-2025.8';
import { callAdmin } from './admin-api';
import type { DashboardContext } from './context';
import { badge, dataTable, expandableRow, h, json, panel, replaceChildren, shortTime } from './dom';
import { createJsonUpsertForm } from './json-upsert-form';
import { relatedObject } from './related-object';

const SHOWN = 500;
const COLUMNS = ['Actor', 'UID', 'Crontab', 'Paused', 'Next run', 'Last task status'];

/**
 * authentik 2025.8's schedules, in the admin list's order (authentik's default); a row opens the schedule's
 * JSON. Schedules are added or replaced by pasting their JSON (POST /__mock__/schedules): authentik's API only
 * updates them (crontab, paused) and sends them.
 */
export function createSchedulesPanel(ctx: DashboardContext): { element: HTMLElement; refresh(): Promise<void> } {
  const body = h('tbody');
  const shown = h('p', { class: 'hint' });
  const table = dataTable('Schedules', COLUMNS, body);
  const form = createJsonUpsertForm({ id: 'schedule-json', title: 'Add or replace schedules', path: '/schedules', noun: ['schedule', 'schedules'], hint: 'a schedule with the same id is replaced', ctx });

  const refresh = async () => {
    const list = await callAdmin<MockScheduleList>('GET', `/schedules?limit=${SHOWN}`);
    const { schedules } = list;
    shown.textContent = list.count > schedules.length ? `Showing ${schedules.length} of ${list.count} schedules.` : `${list.count} schedules.`;
    replaceChildren(
      body,
      ...schedules.flatMap((schedule) =>
        expandableRow(
          schedule.actor_name,
          [
            schedule.uid,
            h('code', {}, schedule.crontab),
            schedule.paused === true ? badge('paused') : 'no',
            // A paused schedule's next_run is 1970-01-01 (a database trigger): shown as it is, that is what the API gives.
            shortTime(schedule.next_run),
            schedule.last_task_status === null ? 'none' : badge(schedule.last_task_status),
          ],
          () => scheduleDetail(schedule, form.fill),
          COLUMNS.length,
        ),
      ),
    );
  };
  return { element: panel('schedules', 'Schedules', shown, h('div', { class: 'scroll' }, table), form.element), refresh };
}

function scheduleDetail(schedule: Schedule, edit: (value: unknown) => void): Node {
  const editButton = h('button', { type: 'button' }, 'Edit as JSON');
  editButton.addEventListener('click', () => edit(schedule));
  const related = relatedObject(schedule);
  return h(
    'div',
    { class: 'schedule-detail' },
    schedule.description === null ? null : h('p', {}, schedule.description),
    h('p', {}, `Related object: ${related === '' ? 'none' : related}`),
    h('div', { class: 'actions' }, editButton),
    h('details', {}, h('summary', {}, 'Schedule JSON'), json(schedule)),
  );
}
