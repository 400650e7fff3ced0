import express, { type Request } from 'express';
import { join } from 'node:path';
import { readBaseline } from '../contract-tests/baseline';
import { findingId, groupFindings, toFindingKey } from '../contract-tests/findings';
import { startMock, type RunningMock } from '../contract-tests/launch-mock';
import type { CheckName, Result } from '../contract-tests/results';
import { runContract } from '../contract-tests/run-contract';
import { SUITE_VERSIONS } from '../contract-tests/suite-versions';
import { createContract } from '../src/openapi/contract';
import { findSpecPath, loadSpec } from '../src/node/spec-files';
import { serve } from './helpers/serve';

// The 2025.8 suite against a 2025.8 mock with one defect put in front of it by a proxy: each new check
// catches its defect as a named finding, and nothing unrelated fails.
const suite = SUITE_VERSIONS['2025.8'];
const contract = createContract(loadSpec(findSpecPath(suite.profile)));
const KNOWN = new Set(readBaseline(join(__dirname, '..', 'contract-tests', 'baselines', suite.profile.baseline)).entries.map(findingId));
const TOKENS = { token: 'suite-admin', viewerToken: 'suite-viewer', noPermissionToken: 'suite-nobody' };

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

type Forward = (path?: string) => Promise<Reply>;

interface Defect {
  defect: string;
  finding: { check: CheckName; operationId: string; message: string | RegExp };
  failingChecks: CheckName[];
  /** The defect: an answer of its own, or undefined to pass the request on. */
  intercept(req: Request, forward: Forward): Promise<Reply | undefined> | Reply | undefined;
}

const API = '/api/v3';
const DEFECTS: Defect[] = [
  {
    defect: 'a retry answers 204 but re-enqueues nothing',
    finding: { check: 'task-retry', operationId: 'tasks_tasks_retrieve', message: 'a retried done task does not show the re-enqueued message' },
    failingChecks: ['task-retry'],
    intercept: (req) => (req.method === 'POST' && /\/retry\/$/.test(req.path) && req.headers.authorization === `Bearer ${TOKENS.token}` && !req.url.includes('actor_name') ? { status: 204 } : undefined),
  },
  {
    defect: 'a send answers 200 {} but sends nothing',
    finding: { check: 'schedule-send', operationId: 'tasks_tasks_list', message: 'a send does not show one new task related to the schedule' },
    failingChecks: ['schedule-send'],
    intercept: (req) => (req.method === 'POST' && /\/send\/$/.test(req.path) && req.headers.authorization === `Bearer ${TOKENS.token}` ? { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' } : undefined),
  },
  {
    defect: 'the state filter ignores a value outside its choices',
    finding: { check: 'filters', operationId: 'tasks_tasks_list', message: /^state=bogus answered 200 / },
    failingChecks: ['filters'],
    intercept: (req, forward) => (req.path === `${API}/tasks/tasks/` && /state=bogus/.test(req.url) ? forward(req.originalUrl.replace(/state=bogus/, '')) : undefined),
  },
  {
    defect: 'pausing a schedule leaves next_run as it was',
    finding: { check: 'schedule-update', operationId: 'tasks_schedules_retrieve', message: 'after pausing, a GET does not show next_run at the epoch (to_timestamp(0) of the trigger)' },
    failingChecks: ['schedule-update'],
    intercept: async (req, forward) => {
      if (req.method !== 'GET' || !/^\/api\/v3\/tasks\/schedules\/[^/]+\/$/.test(req.path)) return undefined;
      const real = await forward();
      return { ...real, body: real.body?.replace('"next_run":"1970-01-01T00:00:00Z"', '"next_run":"2031-01-01T00:00:00Z"') };
    },
  },
  {
    defect: 'workers answers with a trailing slash too',
    finding: { check: 'workers', operationId: 'tasks_workers_list', message: /^GET \/tasks\/workers\/ \(with a slash\) answered 200 / },
    failingChecks: ['workers'],
    intercept: (req, forward) => (req.path === `${API}/tasks/workers/` ? forward(`${API}/tasks/workers`) : undefined),
  },
  {
    defect: 'the events volume/ keeps 2024.8\'s chart',
    finding: { check: 'list-actions', operationId: 'events_events_volume_list', message: /^volume\/ is not rows of action, time and count in 6-hour buckets ordered by time and action: / },
    failingChecks: ['list-actions', 'response-schema'],
    intercept: (req) => (req.method === 'GET' && req.path === `${API}/events/events/volume/` && req.headers.authorization === `Bearer ${TOKENS.token}` ? { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ x_cord: 1_700_000_000_000, y_cord: 0 }]) } : undefined),
  },
  {
    defect: 'a missing task is 404 "Not found." as in 2024.8',
    finding: { check: 'lifecycle', operationId: 'tasks_tasks_retrieve', message: 'a random UUID answered 404 {"detail":"Not found."} (expected 404 {"detail":"No Task matches the given query."})' },
    failingChecks: ['lifecycle'],
    intercept: async (req, forward) => {
      if (req.method !== 'GET' || !req.path.startsWith(`${API}/tasks/tasks/`)) return undefined;
      const real = await forward();
      return { ...real, body: real.body?.replace('No Task matches the given query.', 'Not found.') };
    },
  },
  {
    defect: 'the schedules API is not deployed',
    finding: { check: 'reachability', operationId: 'tasks_schedules_list', message: "GET /tasks/schedules/ answers 404 with text/html, not the API's JSON: the target has no such route" },
    failingChecks: ['reachability'],
    intercept: (req) => (req.path.startsWith(`${API}/tasks/schedules/`) ? (req.method === 'GET' ? { status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>Not Found</h1>' } : { status: 405, headers: { 'content-type': 'text/html' } }) : undefined),
  },
];

/** A proxy in front of the mock that lets `intercept` answer instead. */
function proxy(target: string, intercept: Defect['intercept']) {
  const app = express();
  app.use(express.raw({ type: () => true, limit: '5mb' }));
  app.use((req, res) => {
    const forward: Forward = async (path = req.originalUrl) => {
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)).map(([name, value]) => [name, String(value)]));
      const hasBody = Buffer.isBuffer(req.body) && req.body.length > 0;
      const response = await fetch(`${target}${path}`, { method: req.method, headers, body: hasBody ? req.body : undefined, redirect: 'manual' });
      const body = await response.text();
      const kept: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name)) kept[name] = value;
      });
      return { status: response.status, headers: kept, body };
    };
    void (async () => {
      const reply = (await intercept(req, forward)) ?? (await forward());
      res.status(reply.status);
      for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
      res.end(reply.body ?? '');
    })().catch((error: Error) => res.status(502).end(error.message));
  });
  return app;
}

const newFailures = (results: Result[]) => results.filter((r) => r.outcome === 'fail' && !KNOWN.has(findingId(toFindingKey(r))));

describe('the 2025.8 suite against a 2025.8 mock with one defect', () => {
  let mock: RunningMock;
  beforeEach(async () => {
    mock = await startMock(['--authentik-version', '2025.8', '--tokens', `${TOKENS.token},${TOKENS.viewerToken}:${suite.viewerPermissions.join('+')},${TOKENS.noPermissionToken}:`]);
  });
  afterEach(() => mock.stop());

  it.each(DEFECTS.map((d) => [d.defect, d.finding.check, d.finding.operationId, d] as const))('catches "%s" as a %s finding on %s, and fails no unrelated check', async (_defect, _check, _operationId, defect) => {
    const origin = mock.baseUrl.replace(/\/api\/v3$/, '');
    const server = await serve(proxy(origin, defect.intercept));
    try {
      const results = await runContract({ baseUrl: server.baseUrl, contract, authentikVersion: '2025.8', runs: 3, taskRunWaitMs: 300, ...TOKENS });
      const { message, ...key } = defect.finding;
      expect(groupFindings(results).filter((f) => f.outcome === 'fail')).toContainEqual(expect.objectContaining({ ...key, message: typeof message === 'string' ? message : expect.stringMatching(message) }));
      expect([...new Set(newFailures(results).map((r) => r.check))].sort()).toEqual([...defect.failingChecks].sort());
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('the 2025.8 suite with --read-only', () => {
  it('sends only GET requests, the restricted tokens\' included, and passes a 2025.8 mock with the baseline', async () => {
    const mock = await startMock(['--authentik-version', '2025.8', '--tokens', `${TOKENS.token},${TOKENS.viewerToken}:${suite.viewerPermissions.join('+')},${TOKENS.noPermissionToken}:`]);
    const seen: string[] = [];
    const server = await serve(proxy(mock.baseUrl.replace(/\/api\/v3$/, ''), (req) => void seen.push(`${req.method} ${req.headers.authorization ?? ''}`)));
    try {
      const results = await runContract({ baseUrl: server.baseUrl, contract, authentikVersion: '2025.8', runs: 3, readOnly: true, ...TOKENS });
      expect(new Set(seen.map((line) => line.split(' ')[0]))).toEqual(new Set(['GET']));
      expect(seen).toContain(`GET Bearer ${TOKENS.viewerToken}`);
      expect(seen).toContain(`GET Bearer ${TOKENS.noPermissionToken}`);
      expect(newFailures(results)).toEqual([]);
    } finally {
      await server.close();
      await mock.stop();
    }
  }, 60_000);
});
