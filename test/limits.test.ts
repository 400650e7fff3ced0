import { connect } from 'node:net';
import { startMock } from '../contract-tests/launch-mock';
import { createTestApp, EVENTS } from './helpers/test-app';
import { serve } from './helpers/serve';

describe('limits', () => {
  it('lets 50 concurrent PATCHes of one event all succeed, ending in the state of one of them', async () => {
    const { app, api, store } = createTestApp();
    const pk = store.events.all()[0]!.pk;
    const server = await serve(app);
    try {
      const apps = Array.from({ length: 50 }, (_, i) => `concurrent-${i}`);
      const answers = await Promise.all(
        apps.map((value) =>
          fetch(`${server.baseUrl}/events/events/${pk}/`, { method: 'PATCH', headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' }, body: JSON.stringify({ app: value, context: { by: value } }) }),
        ),
      );
      expect(answers.map((r) => r.status)).toEqual(apps.map(() => 200));
      const final = (await api.get(`${EVENTS}${pk}/`)).body as { app: string; context: { by: string } };
      expect(apps).toContain(final.app);
      // Each PATCH is applied whole: fields of one request never mix with another's.
      expect(final.context.by).toBe(final.app);
    } finally {
      await server.close();
    }
  });

  it('on SIGTERM stops accepting, finishes the request in flight and exits 0', async () => {
    const mock = await startMock(['--tokens', 't']);
    const { port } = new URL(mock.baseUrl);
    const body = JSON.stringify({ action: 'custom_', app: 'in-flight' });
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    // Headers and half of the body now; the rest after SIGTERM.
    socket.write(`POST /api/v3/events/events/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const exited = mock.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const refused = await fetch(`${mock.baseUrl}/events/system_tasks/`, { headers: { Authorization: 'Bearer t' } }).then(
      () => false,
      () => true,
    );
    expect(refused).toBe(true);
    socket.end(body.slice(10));
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 201 Created\r\n/);
    expect(answer).toContain('"app":"in-flight"');
    expect(await exited).toBe(0);
  });
});
