import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { superuser, type Principal } from '../src/auth/authenticate';
import { createTestApp, EVENTS, TASKS } from './helpers/test-app';

// authentik-behaviour.md, "Measured on authentik's own code": OPTIONS includes DRF's `actions` block for a user
// who may write; the exact bodies are reference/measured/options_*.json, asked by a superuser.
const MEASURED = join(__dirname, '..', 'reference', 'authentik-2024.8.6', 'measured');
const measured = (file: string) => JSON.stringify(JSON.parse(readFileSync(join(MEASURED, file), 'utf8')));

const viewer = (token: string, ...permissions: Principal['permissions'] extends ReadonlySet<infer P> ? P[] : never): [string, Principal] => [token, { token, superuser: false, permissions: new Set(permissions) }];
const tokens = new Map<string, Principal>([['admin', superuser('admin')], viewer('viewer', 'view_event', 'view_systemtask'), viewer('editor', 'view_event', 'add_event', 'change_event')]);
const { http, store } = createTestApp({ tokenPolicy: { mode: 'list', tokens } });
const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const eventUrl = () => `${EVENTS}${store.events.all()[0]!.pk}/`;
const taskUrl = () => `${TASKS}${store.systemTasks.all()[0]!.uuid}/`;

describe('OPTIONS metadata, byte for byte as authentik answers a superuser', () => {
  it.each([
    ['the events list', () => EVENTS, 'options_event-list.json'],
    ['an event', eventUrl, 'options_event-detail.json'],
    ['the task list', () => TASKS, 'options_task-list.json'],
    ['a task', taskUrl, 'options_task-detail.json'],
    ['running a task', () => `${taskUrl()}run/`, 'options_task-run.json'],
  ])('%s (%s)', async (_what, url, file) => {
    const res = await http.options(url()).set(as('admin'));
    expect([res.status, res.headers['content-type'], res.text]).toEqual([200, 'application/json; charset=utf-8', measured(file)]);
  });
});

describe('OPTIONS `actions` only for a caller who may write', () => {
  const actionsOf = async (url: string, token?: string) => {
    const test = http.options(url);
    const res = await (token ? test.set(as(token)) : test);
    expect(res.status).toBe(200);
    return Object.keys((res.body as { actions?: object }).actions ?? {});
  };

  it('shows POST on the events list to a token that may add events, and nothing to a viewer', async () => {
    expect(await actionsOf(EVENTS, 'editor')).toEqual(['POST']);
    expect(await actionsOf(EVENTS, 'viewer')).toEqual([]);
  });

  it('shows PUT on an event that exists and passes the filters, to a token that may change events', async () => {
    expect(await actionsOf(eventUrl(), 'editor')).toEqual(['PUT']);
    expect(await actionsOf(eventUrl(), 'viewer')).toEqual([]);
    expect(await actionsOf(`${EVENTS}00000000-0000-4000-8000-000000000000/`, 'editor')).toEqual([]);
    expect(await actionsOf(`${eventUrl()}?action=zzz`, 'editor')).toEqual([]);
    expect(await actionsOf(eventUrl())).toEqual([]);
  });

  it('shows POST on running a task to anyone: the view has no permission classes', async () => {
    expect(await actionsOf(`${taskUrl()}run/`, 'viewer')).toEqual(['POST']);
    expect(await actionsOf(`${taskUrl()}run/`)).toEqual(['POST']);
  });
});
