import { startMock } from '../../contract-tests/launch-mock';
import { createAdminClient, MockAdminError } from '../../src/index';

// A mock started by another process (here the CLI), driven over HTTP as a test worker would drive one.
describe('createAdminClient (the admin API over HTTP)', () => {
  it('drives a mock another process started: faults, the journal, state and reset', async () => {
    const mock = await startMock(['--admin-token', 'qa-secret', '--tasks', '3', '--events', '4']);
    try {
      const admin = createAdminClient(mock.baseUrl, { adminToken: 'qa-secret' });
      const tasks = `${mock.baseUrl}/events/system_tasks/`;
      expect(await admin.setFaults({ events_system_tasks_list: { status: 503 } })).toEqual({ events_system_tasks_list: { status: 503, body: { detail: 'Injected fault: HTTP 503' } } });
      expect((await fetch(tasks, { headers: { Authorization: 'Bearer t' } })).status).toBe(503);
      await admin.clearFaults();
      expect((await fetch(tasks, { headers: { Authorization: 'Bearer t' } })).status).toBe(200);
      expect((await admin.requests({ operationId: 'events_system_tasks_list' })).map((entry) => entry.status)).toEqual([200, 503]);
      expect((await admin.state()).systemTasks).toHaveLength(3);
      expect(await admin.loadScenario('empty')).toEqual({ scenario: 'empty', system_tasks: 0, events: 0 });
      expect(await admin.reset()).toMatchObject({ system_tasks: 3, events: 4 });
    } finally {
      await mock.stop();
    }
  });

  it('rejects with the admin API\'s own sentence, and says so when nothing answers', async () => {
    const mock = await startMock(['--admin-token', 'qa-secret']);
    try {
      await expect(createAdminClient(mock.baseUrl).reset()).rejects.toEqual(new MockAdminError(403, 'The admin API needs the bearer token given with --admin-token.'));
    } finally {
      await mock.stop();
    }
    const gone = createAdminClient('http://127.0.0.1:1');
    await expect(gone.reset()).rejects.toMatchObject({ status: 0, message: expect.stringMatching(/^cannot reach the mock's admin API at http:\/\/127\.0\.0\.1:1\/__mock__\/: /) });
  });
});
