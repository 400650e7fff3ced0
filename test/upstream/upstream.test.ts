import { ConfigError } from '../../src/config/config';
import { createFetchHandler } from '../../src/fetch';
import { startMock, type RunningMock } from '../../src/index';
import { FULL_SCHEMA } from '../helpers/full-spec';

// --upstream (issue 19, part 3): authentik's other APIs from the "real" server, the events API from the mock.
// The real server is a second mock, with other data (seed 7, 5 events) and its Prism fallback for the rest.
let real: RunningMock;
beforeAll(async () => {
  real = await startMock({ quiet: true, seed: 7, events: 5, fullSpec: true });
});
afterAll(() => real.close());

const get = (url: string, token = 'client-token') => fetch(url, { headers: { Authorization: `Bearer ${token}` } });

describe('--upstream', () => {
  it('is refused with one line by the hosts without Node (the fetch handler; MSW builds on the same mock)', () => {
    for (const key of ['upstream', 'upstreamToken', 'upstreamTimeout', 'proxy']) {
      expect(() => createFetchHandler({ [key]: key === 'proxy' ? true : 'x' } as never)).toThrow(new ConfigError(`${key} needs a Node host (startMock, the CLI or the middleware)`));
    }
  });

  it('serves a non-events operation from the upstream, byte for byte, while the events stay the mock’s own', async () => {
    const mock = await startMock({ quiet: true, upstream: real.apiUrl });
    try {
      const direct = await get(`${real.apiUrl}/core/users/?page_size=1`);
      const through = await get(`${mock.apiUrl}/core/users/?page_size=1`);
      const text = await through.text();
      expect([through.status, through.headers.get('content-type'), text]).toEqual([200, 'application/json; charset=utf-8', await direct.text()]);
      expect(JSON.parse(text).results[0].username).toBe('string');

      const localEvents = (await (await get(`${mock.apiUrl}/events/events/?page_size=1`)).json()) as { pagination: { count: number } };
      const realEvents = (await (await get(`${real.apiUrl}/events/events/?page_size=1`)).json()) as { pagination: { count: number } };
      expect([localEvents.pagination.count, realEvents.pagination.count]).toEqual([250, 5]);

      // The mock's journal says who answered; the upstream saw the client's own token (no --upstream-token).
      const [users] = (await mock.admin.requests({ operationId: 'core_users_list' }))!;
      expect([users!.answered_by, users!.status, users!.contract_violations, users!.principal]).toEqual(['upstream', 200, [], null]);
      const [events] = await mock.admin.requests({ operationId: 'events_events_list' });
      expect(events!.answered_by).toBe('mock');
      const [seen] = await real.admin.requests({ operationId: 'core_users_list' });
      expect(seen!.request_headers.authorization).toBe('Bearer clie…');
    } finally {
      await mock.close();
    }
  });

  it('names operations by a --full-spec FILE given with it, and the upstream answers them, not Prism', async () => {
    const mock = await startMock({ quiet: true, upstream: real.apiUrl, fullSpec: FULL_SCHEMA });
    try {
      const direct = await (await get(`${real.apiUrl}/admin/version/`)).text();
      expect(await (await get(`${mock.apiUrl}/admin/version/`)).text()).toBe(direct);
      const [entry] = await mock.admin.requests();
      expect([entry!.operationId, entry!.answered_by]).toEqual(['admin_version_retrieve', 'upstream']);
      // One call here, one through the mock: the upstream saw both.
      expect((await real.admin.requests({ operationId: 'admin_version_retrieve' })).length).toBe(2);
    } finally {
      await mock.close();
    }
  });

  it('sends --upstream-token in place of the client’s Authorization, and forwards paths outside the schema as they are', async () => {
    const mock = await startMock({ quiet: true, upstream: `${real.apiUrl}/`, upstreamToken: 'upstream-secret' });
    try {
      expect((await get(`${mock.apiUrl}/core/groups/`)).status).toBe(200);
      const [seen] = await real.admin.requests({ operationId: 'core_groups_list' });
      expect(seen!.request_headers.authorization).toBe('Bearer upst…');
      // Not in any schema: the upstream's own answer (here Django's 404 page) reaches the client.
      const unknown = await get(`${mock.apiUrl}/no/such/thing/`);
      expect([unknown.status, unknown.headers.get('content-type'), (await unknown.text()).includes('<title>Not Found</title>')]).toEqual([404, 'text/html; charset=utf-8', true]);
      const [entry] = await mock.admin.requests({ status: 404 });
      expect([entry!.operationId, entry!.answered_by, entry!.contract_violations]).toEqual([null, 'upstream', []]);
    } finally {
      await mock.close();
    }
  });
});
