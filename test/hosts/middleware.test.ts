import express from 'express';
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createMockMiddleware } from '../../src/express';
import { authentikMock } from '../../src/vite';

const AUTH = { Authorization: 'Bearer t' };
const JSON_AUTH = { ...AUTH, 'Content-Type': 'application/json' };

/** Serves an Express app on a free port for the test's body. */
async function withServer(app: express.Express, test: (origin: string) => Promise<void>): Promise<void> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    await test(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeIdleConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('createMockMiddleware (authentik-events-mock/express)', () => {
  it('answers /api/v3/ and /__mock__/, and passes everything else to the host app', async () => {
    const app = express();
    app.use(createMockMiddleware());
    app.get('/host-route', (_req, res) => void res.json({ host: true }));
    app.use((_req, res) => void res.status(404).send('host 404'));
    await withServer(app, async (origin) => {
      const list = await fetch(`${origin}/api/v3/events/system_tasks/`, { headers: AUTH });
      expect([list.status, list.headers.get('x-powered-by'), list.headers.get('allow')]).toEqual([200, 'authentik', 'GET, HEAD, OPTIONS']);
      expect((await fetch(`${origin}/__mock__/faults`)).status).toBe(200);
      const host = await fetch(`${origin}/host-route`);
      expect([host.status, await host.text()]).toEqual([200, '{"host":true}']);
      const elsewhere = await fetch(`${origin}/api/v2/other`);
      expect([elsewhere.status, await elsewhere.text()]).toEqual([404, 'host 404']);
      // The missing slash is under the API prefix only without its slash: the host app answers it.
      expect(await (await fetch(`${origin}/api/v3`)).text()).toBe('host 404');
      const noSlash = await fetch(`${origin}/api/v3/events/events`, { headers: AUTH });
      expect([noSlash.status, noSlash.headers.get('content-type')]).toEqual([404, 'text/html; charset=utf-8']);
    });
  });

  it('behind express.json() answers a valid POST from req.body and warns once what to change', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const middleware = createMockMiddleware({ scenario: 'empty' });
      const app = express();
      app.use(express.json());
      app.use(middleware);
      await withServer(app, async (origin) => {
        for (const name of ['one', 'two']) {
          const res = await fetch(`${origin}/api/v3/events/events/`, { method: 'POST', headers: JSON_AUTH, body: JSON.stringify({ action: 'login', app: name }) });
          expect([res.status, ((await res.json()) as { app: string }).app]).toEqual([201, name]);
        }
        const invalid = await fetch(`${origin}/api/v3/events/events/`, { method: 'POST', headers: JSON_AUTH, body: '{"action":"bogus","app":"x"}' });
        expect([invalid.status, await invalid.json()]).toEqual([400, { action: ['"bogus" is not a valid choice.'] }]);
      });
      expect(warn.mock.calls.map(([line]) => String(line))).toEqual([expect.stringContaining('need the mock mounted before body parsers')]);
      expect((await middleware.admin.state()).events!.map((e) => (e as { app?: string }).app)).toEqual(['one', 'two']);
    } finally {
      warn.mockRestore();
    }
  });

  it('says once that it is there, then prints one line per API request, and none with quiet', async () => {
    const lines: string[] = [];
    const app = express();
    app.use(createMockMiddleware({ scenario: 'empty' }, { info: (line) => lines.push(line) }));
    const quietLines: string[] = [];
    const quiet = express();
    quiet.use(createMockMiddleware({ scenario: 'empty', quiet: true }, { info: (line) => quietLines.push(line) }));
    expect(lines).toEqual(['authentik-events-mock: empty: 0 system tasks, 0 events (authentik 2024.8); API at /api/v3, dashboard at /__mock__/ on this server']);
    await withServer(app, async (origin) => {
      await fetch(`${origin}/api/v3/events/system_tasks/?page_size=5`, { headers: AUTH });
    });
    await withServer(quiet, async (origin) => {
      await fetch(`${origin}/api/v3/events/system_tasks/`, { headers: AUTH });
    });
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^GET \/api\/v3\/events\/system_tasks\/\?page_size=5 200 \d+(\.\d)? ms$/)]);
    expect(quietLines).toHaveLength(1);
  });

  it('routes on originalUrl when mounted under a path, as Express rewrites url there', async () => {
    const app = express();
    app.use('/api', createMockMiddleware());
    await withServer(app, async (origin) => {
      expect((await fetch(`${origin}/api/v3/events/system_tasks/`, { headers: AUTH })).status).toBe(200);
    });
  });
});

describe('authentikMock (authentik-events-mock/vite)', () => {
  it('mounts one mock in the dev server and the preview server', () => {
    const plugin = authentikMock({ scenario: 'empty' });
    const dev: unknown[] = [];
    const preview: unknown[] = [];
    plugin.configureServer({ middlewares: { use: (m) => dev.push(m) } });
    plugin.configurePreviewServer({ middlewares: { use: (m) => preview.push(m) } });
    expect(plugin.name).toBe('authentik-events-mock');
    expect(dev).toHaveLength(1);
    expect(preview).toEqual(dev);
    expect(typeof dev[0]).toBe('function');
  });

  it("announces the API and dashboard URLs through Vite's logger once the server listens, then each request", async () => {
    const lines: string[] = [];
    const app = express();
    const httpServer = Object.assign(new EventEmitter(), { address: () => ({ port: 5173 }) });
    const plugin = authentikMock({ scenario: 'empty' });
    plugin.configureServer({ middlewares: { use: (m) => app.use(m) }, httpServer, config: { logger: { info: (line) => lines.push(line) }, server: {} } });
    expect(lines).toEqual([]);
    httpServer.emit('listening');
    expect(lines).toEqual(['authentik-events-mock: empty: 0 system tasks, 0 events (authentik 2024.8); API http://localhost:5173/api/v3, dashboard http://localhost:5173/__mock__/']);
    await withServer(app, async (origin) => {
      await fetch(`${origin}/api/v3/events/events/`, { headers: AUTH });
    });
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^GET \/api\/v3\/events\/events\/ 200 \d+(\.\d)? ms$/)]);
  });
});
