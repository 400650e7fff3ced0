import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runUpgradeCheck, type CommandIo } from '../contract-tests/upgrade-check/command';
import type { UpgradeReport } from '../contract-tests/upgrade-check/report-model';
import { serve } from './helpers/serve';
import { createTestApp, TASKS, type TestApp } from './helpers/test-app';

const EVENTS = '/api/v3/events/events/';
const MISSING = '00000000-0000-4000-8000-00000000beef';
const root = join(__dirname, '..');

interface JournalEntry {
  timestamp: string;
  method: string;
  url: string;
  status: number;
  operationId: string | null;
}

/** Runs the command in-process, collecting what it writes. */
async function upgradeCheck(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CommandIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} };
  const code = await runUpgradeCheck(argv, io);
  return { code, stdout, stderr };
}

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempFile(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'upgrade-check-'));
  tempDirs.push(dir);
  return join(dir, name);
}

/** The journal as GET /__mock__/requests answers it, saved to a temp file as an app's CI would. */
async function exportJournal(http: TestApp['http']): Promise<{ file: string; entries: JournalEntry[] }> {
  const journal = await http.get('/__mock__/requests');
  expect(journal.status).toBe(200);
  const file = tempFile('journal.json');
  writeFileSync(file, journal.text);
  return { file, entries: journal.body.requests };
}

/** What a realistic app's test run sends against the 2024.8 mock. */
async function sendAppRequests({ api }: TestApp): Promise<void> {
  const tasks = await api.get(TASKS);
  expect(tasks.status).toBe(200);
  // The app polls the task list: the same operation, five times.
  for (const size of [5, 10, 20, 50]) expect((await api.get(`${TASKS}?page_size=${size}`)).status).toBe(200);
  expect((await api.post(`${TASKS}${tasks.body.results[0].uuid as string}/run/`)).status).toBe(204);
  expect((await api.get(`${EVENTS}per_month/`)).status).toBe(200);
  expect((await api.post(EVENTS).send({ action: 'custom_', app: 'my-app', context: 'text' })).status).toBe(201);
  expect((await api.get(`${EVENTS}${MISSING}/`)).status).toBe(404);
  expect((await api.get(`${EVENTS}?page=`)).status).toBe(404);
  expect((await api.get(`${EVENTS}?search=${encodeURIComponent('"login failed"')}`)).status).toBe(200);
  expect((await api.get(`${EVENTS}?search=log%00in`)).status).toBe(200);
  expect((await api.get(`${EVENTS}?username=akadmin`)).status).toBe(200);
}

async function recordAppJournal(): Promise<{ file: string; entries: JournalEntry[] }> {
  const app = createTestApp();
  await sendAppRequests(app);
  return exportJournal(app.http);
}

/** The report's line for one recorded request, as the journal has it. */
const requestLine = (entry: JournalEntry, detail = '') => `  ${entry.method} ${entry.url} → ${entry.status} at ${entry.timestamp} (${entry.operationId})${detail}`;
const entry = (entries: JournalEntry[], operationId: string, url?: string) => entries.find((e) => e.operationId === operationId && (url === undefined || e.url === url))!;
/** The lines of the text report, from the finding's headline up to the blank line after it. */
function findingBlock(text: string, headline: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(headline);
  expect(start).toBeGreaterThan(-1);
  const end = lines.indexOf('', start);
  return lines.slice(start, end === -1 ? undefined : end);
}

describe('upgrade-check 2024.8 → 2025.8 on an app\'s recorded journal', () => {
  let journal: { file: string; entries: JournalEntry[] };
  beforeAll(async () => {
    journal = await recordAppJournal();
  });

  it('exits 1 and names the app\'s own requests in the text report', async () => {
    const { code, stdout, stderr } = await upgradeCheck('--journal', journal.file, '--to', '2025.8');
    expect([code, stderr]).toEqual([1, '']);
    const { entries } = journal;
    expect(stdout.split('\n')[0]).toBe(`authentik upgrade check 2024.8 → 2025.8: journal ${journal.file}, 13 requests (13 to 6 operations of 2024.8)`);
    // The five task-list requests are one finding: three examples and a count.
    const lists = entries.filter((e) => e.operationId === 'events_system_tasks_list').reverse();
    expect(findingBlock(stdout, 'BREAKING events_system_tasks_list [removed-operation]: removed in 2025.8: no route matches GET /events/system_tasks/, the server answers with its (non-JSON) error page; use tasks_tasks_list (GET /tasks/tasks/)')).toEqual([
      expect.any(String),
      requestLine(lists[0]!),
      requestLine(lists[1]!),
      requestLine(lists[2]!),
      '  … and 2 more (5 requests)',
      '  reference: authentik/events/urls.py:9-15; authentik/tasks/urls.py:7',
    ]);
    expect(findingBlock(stdout, 'BREAKING events_events_per_month_list [removed-operation]: removed in 2025.8: GET /events/events/per_month/ now reaches events_events_retrieve (GET /events/events/{event_uuid}/) with event_uuid="per_month"; event_uuid is not well-formed, so it answers 404 {"detail":"Not found."}; use events_events_volume_list (GET /events/events/volume/)')[1]).toBe(
      requestLine(entry(entries, 'events_events_per_month_list')),
    );
    expect(findingBlock(stdout, 'BREAKING events_events_create [new-validation]: request body field context: 2025.8\'s schema (EventRequest) rejects what the app sent: must be object; authentik 2025.8 answers 400 {"context":["Value must be a dictionary, and not have any duplicate keys."]}')).toEqual([
      expect.any(String),
      requestLine(entry(entries, 'events_events_create'), ': context was "text"'),
      '  reference: authentik/core/api/utils.py:27-53',
    ]);
    expect(findingBlock(stdout, 'BREAKING events_events_retrieve [changed-message]: 404 for a well-formed id that matches no Event: 2024.8 says {"detail":"Not found."}, 2025.8 says {"detail":"No Event matches the given query."}')[1]).toBe(requestLine(entry(entries, 'events_events_retrieve')));
    expect(findingBlock(stdout, 'BREAKING events_events_list [changed-message]: ?page= (empty): 2024.8 answers 404 {"detail":"Invalid page."}, 2025.8 answers page 1')[1]).toBe(requestLine(entry(entries, 'events_events_list', `${EVENTS}?page=`)));
    expect(findingBlock(stdout, 'BREAKING events_events_list [changed-message]: ?search= the app sent: 2024.8 searched for ["login"], 2025.8 answers 400 ["Null characters are not allowed."]')[1]).toBe(requestLine(entry(entries, 'events_events_list', `${EVENTS}?search=log%00in`)));
    expect(stdout).toContain(`${requestLine(entry(entries, 'events_events_list', `${EVENTS}?search=%22login%20failed%22`))}: terms ["\\"login","failed\\""] → ["login failed"]`);
    expect(stdout).toContain('NOTICE events_events_list [response-key-added]: response 200: 2025.8 also sends autocomplete (object)');
    expect(stdout).toContain('NOTICE events_events_list [new-parameter]: new optional query parameter actions (array of string)');
    expect(stdout).toContain('NOTICE events_events_list [changed-meaning]: query parameter username now matches user.username or context.username (2024.8: user.username only), so more events may match');
    // Breaking findings come before notices.
    expect(stdout.lastIndexOf('\nBREAKING ')).toBeLessThan(stdout.indexOf('\nNOTICE '));
  });

  it('writes the same findings as JSON: kinds, severities, counts and the recorded requests', async () => {
    const { code, stdout } = await upgradeCheck('--journal', journal.file, '--to', '2025.8', '--format', 'json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as UpgradeReport;
    expect(Object.keys(report)).toEqual(['from', 'to', 'journal', 'requests', 'checked', 'operations', 'summary', 'findings']);
    expect(report).toMatchObject({ from: '2024.8', to: '2025.8', requests: 13, checked: 13, operations: { events_system_tasks_list: 5, events_events_list: 4 } });
    expect(report.summary.breaking).toBe(report.findings.filter((f) => f.severity === 'breaking').length);
    const kinds = report.findings.map((f) => `${f.severity} ${f.operationId} ${f.kind} ${f.subject}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'breaking events_system_tasks_list removed-operation operation',
        'breaking events_system_tasks_run_create removed-operation operation',
        'breaking events_events_per_month_list removed-operation operation',
        'breaking events_events_create new-validation body.context',
        'breaking events_events_retrieve changed-message 404 detail',
        'breaking events_events_list changed-message ?page empty',
        'breaking events_events_list changed-message ?search error',
        'breaking events_events_list changed-search ?search terms',
        'notice events_events_list response-key-added 200 added',
        'notice events_events_list new-parameter ?actions',
        'notice events_events_list changed-meaning ?username',
      ]),
    );
    const removed = report.findings.find((f) => f.operationId === 'events_system_tasks_list')!;
    expect(removed).toMatchObject({ severity: 'breaking', kind: 'removed-operation', basis: 'spec', count: 5 });
    expect(removed.examples).toHaveLength(3);
    const created = journal.entries.find((e) => e.operationId === 'events_events_create')!;
    expect(report.findings.find((f) => f.kind === 'new-validation')!.examples).toEqual([{ method: 'POST', url: EVENTS, status: 201, timestamp: created.timestamp, operationId: 'events_events_create', detail: 'context was "text"' }]);
    expect(report.findings.find((f) => f.kind === 'changed-search')!.basis).toBe('drf-rules');
  });

  it('writes Markdown to --out and says so on one line', async () => {
    const out = tempFile('upgrade.md');
    const { code, stdout } = await upgradeCheck('--journal', journal.file, '--to', '2025.8', '--format', 'markdown', '--out', out);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^upgrade check 2024\.8 → 2025\.8: \d+ breaking, \d+ notices; report written to .*upgrade\.md\n$/);
    const markdown = readFileSync(out, 'utf8');
    expect(markdown.split('\n').slice(0, 1)).toEqual(['## authentik upgrade check: 2024.8 → 2025.8']);
    expect(markdown).toContain("| severity | operation | change | the app's requests |");
    expect(markdown).toContain('| **breaking** | <code>events_system_tasks_run_create</code> | removed in 2025.8: no route matches POST /events/system_tasks/{uuid}/run/');
  });

  it('runs from the built CLI: node dist/contract-tests/cli.js upgrade-check', () => {
    const cli = join(root, 'dist', 'contract-tests', 'cli.js');
    if (!existsSync(cli)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    const run = spawnSync(process.execPath, [cli, 'upgrade-check', '--journal', journal.file, '--to', '2025.8', '--format', 'json'], { encoding: 'utf8', timeout: 30_000 });
    expect([run.status, run.stderr]).toEqual([1, '']);
    const report = JSON.parse(run.stdout) as UpgradeReport;
    expect(report.findings.filter((f) => f.kind === 'removed-operation').map((f) => f.operationId)).toEqual(['events_system_tasks_list', 'events_system_tasks_run_create', 'events_events_per_month_list']);
  });
});

describe('upgrade-check: reading a running mock\'s journal', () => {
  it('fetches <url>/__mock__/requests, with or without /api/v3 in the URL', async () => {
    const app = createTestApp();
    await sendAppRequests(app);
    const server = await serve(app.app);
    try {
      const withApi = await upgradeCheck('--journal', server.baseUrl, '--to', '2025.8', '--format', 'json');
      const without = await upgradeCheck('--journal', server.baseUrl.replace(/\/api\/v3$/, '/'), '--to', '2025.8', '--format', 'json');
      expect([withApi.code, without.code]).toEqual([1, 1]);
      const findings = (text: string) => (JSON.parse(text) as UpgradeReport).findings.map((f) => `${f.operationId} ${f.kind} ${f.count}`);
      expect(findings(withApi.stdout)).toEqual(findings(without.stdout));
      expect(findings(withApi.stdout)).toContain('events_system_tasks_list removed-operation 5');
    } finally {
      await server.close();
    }
  });
});

describe('upgrade-check: a journal of operations that do not change', () => {
  it('exits 0 for GET /events/events/actions/ and /events/events/top_per_user/', async () => {
    const app = createTestApp();
    expect((await app.api.get(`${EVENTS}actions/`)).status).toBe(200);
    expect((await app.api.get(`${EVENTS}top_per_user/?top_n=5`)).status).toBe(200);
    const { file } = await exportJournal(app.http);
    const { code, stdout } = await upgradeCheck('--journal', file, '--to', '2025.8');
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(1)).toEqual(['0 breaking, 0 notices', '', 'nothing the app used changes in 2025.8', '']);
  });
});

describe('upgrade-check: bad usage is exit 2 and one line', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['no --journal', ['--to', '2025.8'], /^error: --journal is required: a journal export file or a running mock's URL\n$/],
    ['an unknown --to', ['--journal', 'x.json', '--to', '2030.1'], /^error: --to must be one of 2024\.8, 2025\.8, not "2030\.1"\n$/],
    ['no --to', ['--journal', 'x.json'], /^error: --to is required: the version to upgrade to \(2024\.8, 2025\.8\)\n$/],
    ['--to not after --from', ['--journal', 'x.json', '--to', '2024.8'], /^error: --to must be a later version than --from \(2024\.8\), not 2024\.8\n$/],
    ['a mistyped flag', ['--jurnal', 'x.json'], /^error: unknown argument --jurnal \(did you mean --journal\?\)\n$/],
    ['an unknown --format', ['--journal', 'x.json', '--to', '2025.8', '--format', 'html'], /^error: --format must be one of text, markdown, json, not "html"\n$/],
    ['an unreadable file', ['--journal', '/nonexistent/journal.json', '--to', '2025.8'], /^error: --journal \/nonexistent\/journal\.json: cannot read the journal: ENOENT\n$/],
  ];
  it.each(cases)('%s', async (_name, argv, message) => {
    const { code, stdout, stderr } = await upgradeCheck(...argv);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(message);
  });

  it('a file that is not a journal export', async () => {
    const file = tempFile('other.json');
    writeFileSync(file, '{"results":[]}');
    const { code, stderr } = await upgradeCheck('--journal', file, '--to', '2025.8');
    expect(code).toBe(2);
    expect(stderr).toBe(`error: --journal ${file}: not a journal export: expected {"requests":[…]} as GET /__mock__/requests answers\n`);
  });

  it('a mock that is not running', async () => {
    const { code, stderr } = await upgradeCheck('--journal', 'http://127.0.0.1:59999/api/v3', '--to', '2025.8');
    expect(code).toBe(2);
    expect(stderr).toBe('error: --journal http://127.0.0.1:59999/__mock__/requests: cannot fetch the journal: ECONNREFUSED\n');
  });
});
