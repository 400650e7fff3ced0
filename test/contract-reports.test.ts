import { assess } from '../contract-tests/assessment';
import type { Baseline } from '../contract-tests/baseline';
import { groupFindings } from '../contract-tests/findings';
import { toJUnit } from '../contract-tests/junit';
import { formatReport } from '../contract-tests/report';
import { Recorder, type Result } from '../contract-tests/results';
import { toMarkdownSummary } from '../contract-tests/summary-md';

const UUID_A = '0cb44a5c-7cf4-42e8-8faf-882502b05dbb';
const UUID_B = '34c7083c-409d-46b8-b8fc-0b7f34161acb';

/** A response-schema failure as conformance records it. */
const schemaFailure = (operationId: string, url: string, path: string, message: string): Result => ({
  operationId,
  check: 'response-schema',
  outcome: 'fail',
  message: `GET ${url} -> 200: 200 at ${path}: ${message}`,
  curl: `curl -i -X GET 'http://server${url}'`,
  path,
  cause: `200 response: ${message}`,
});
const pass = (operationId: string, check: Result['check']): Result => ({ operationId, check, outcome: 'pass', message: 'ok' });

const UID_NULL = (row: number) => schemaFailure('events_system_tasks_list', '/api/v3/events/system_tasks/', `/results/${row}/uid`, 'must be string');
const STATUS_ENUM = schemaFailure('events_system_tasks_retrieve', `/api/v3/events/system_tasks/${UUID_A}/`, '/status', 'must be equal to one of the allowed values');

const BASELINE: Baseline = {
  file: 'known.json',
  entries: [
    { check: 'response-schema', operationId: 'events_system_tasks_list', path: '/results/*/uid', message: '200 response: must be string', reason: 'authentik sends uid: null' },
    { check: 'lifecycle', operationId: 'events_events_retrieve', message: 'retrieve after delete answered 200 (expected 404)', reason: 'was broken once' },
    { check: 'task-run', operationId: 'events_system_tasks_run_create', message: 'a random UUID answered 500 (expected 404)', reason: 'not run under --read-only' },
  ],
};

describe('findings', () => {
  it('folds failures that differ only in array index, URL and ids into one finding with every instance', () => {
    const lifecycle = (id: string): Result => ({ operationId: 'events_system_tasks_retrieve', check: 'lifecycle', outcome: 'fail', message: `task ${id} equals its list row (got 500)` });
    const findings = groupFindings([UID_NULL(0), UID_NULL(7), UID_NULL(40), lifecycle(UUID_A), lifecycle(UUID_B), pass('events_system_tasks_list', 'response-schema')]);
    expect(findings.map(({ instances, ...key }) => ({ ...key, count: instances.length }))).toEqual([
      { check: 'response-schema', operationId: 'events_system_tasks_list', path: '/results/*/uid', message: '200 response: must be string', outcome: 'fail', count: 3 },
      { check: 'lifecycle', operationId: 'events_system_tasks_retrieve', message: 'task {uuid} equals its list row (got 500)', outcome: 'fail', count: 2 },
    ]);
  });

  it('keeps causes apart that differ in check, operationId, path or message', () => {
    const otherPath = schemaFailure('events_system_tasks_list', '/api/v3/events/system_tasks/', '/results/0/description', 'must be string');
    const otherMessage = schemaFailure('events_system_tasks_list', '/api/v3/events/system_tasks/', '/results/0/uid', 'must be equal to one of the allowed values');
    const otherOperation = schemaFailure('events_system_tasks_retrieve', `/api/v3/events/system_tasks/${UUID_A}/`, '/uid', 'must be string');
    expect(groupFindings([UID_NULL(0), otherPath, otherMessage, otherOperation])).toHaveLength(4);
  });
});

describe('a baseline', () => {
  const newFailure = STATUS_ENUM;
  // The baseline's lifecycle entry is not seen although lifecycle ran on events_events_retrieve: not seen (fixed, if this is the server it describes).
  // Its task-run entry is not seen and task-run never ran on its operation: not checked.
  const results = [UID_NULL(0), UID_NULL(3), newFailure, pass('events_events_retrieve', 'lifecycle')];

  it('accepts a known finding, fails a new one, and reports a vanished one as not seen', () => {
    const assessment = assess(results, BASELINE);
    expect(assessment.known.map(({ finding, entry }) => [finding.operationId, finding.instances.length, entry.reason])).toEqual([['events_system_tasks_list', 2, 'authentik sends uid: null']]);
    expect(assessment.newFailures.map((f) => [f.operationId, f.path, f.message])).toEqual([['events_system_tasks_retrieve', '/status', '200 response: must be equal to one of the allowed values']]);
    expect(assessment.fixed).toEqual([BASELINE.entries[1]]);
    expect(assessment.notChecked).toEqual([BASELINE.entries[2]]);
    expect(assessment.passed).toBe(false);
  });

  it('passes the run when every failure is in it, fixed entries notwithstanding', () => {
    const assessment = assess([UID_NULL(0), pass('events_events_retrieve', 'lifecycle')], BASELINE);
    expect([assessment.passed, assessment.newFailures, assessment.fixed.length]).toEqual([true, [], 1]);
  });

  it('fails a run on any failure when there is no baseline', () => {
    expect(assess([UID_NULL(0)]).passed).toBe(false);
    expect(assess([pass('events_events_retrieve', 'lifecycle')]).passed).toBe(true);
  });

  it('sorts the text report into new, known, not-seen and not-checked findings, each once with one curl', () => {
    const text = formatReport(assess(results, BASELINE));
    expect(text.slice(text.indexOf('\n\nnew findings'))).toBe(
      [
        '',
        '',
        'new findings (not in the baseline; these fail the run):',
        'FAIL [response-schema] events_system_tasks_retrieve /status: 200 response: must be equal to one of the allowed values',
        `    curl -i -X GET 'http://server/api/v3/events/system_tasks/${UUID_A}/'`,
        '',
        'known findings (in known.json):',
        'FAIL [response-schema] events_system_tasks_list /results/*/uid: 200 response: must be string (2 times) — authentik sends uid: null',
        "    curl -i -X GET 'http://server/api/v3/events/system_tasks/'",
        '',
        'baseline entries checked but not seen in this run (known.json lists known deviations of a server: remove an entry only if this target is that server and the deviation is gone):',
        '[lifecycle] events_events_retrieve: retrieve after delete answered 200 (expected 404)',
        '',
        'baseline entries not checked in this run:',
        '[task-run] events_system_tasks_run_create: a random UUID answered 500 (expected 404)',
        '',
        'warnings: 0',
        'contract: 1 passed, 3 failed in 2 findings, 0 skipped',
        'verdict: failed: 1 new finding not in the baseline',
      ].join('\n'),
    );
  });

  it('makes JUnit cases per operationId and check: new findings fail, known ones are skipped with their reason', () => {
    const xml = toJUnit(assess(results, BASELINE));
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="contract" tests="3" failures="1" skipped="1" time="0.000">',
        '  <testsuite name="events_events_retrieve" tests="1" failures="0" skipped="0" time="0.000">',
        '    <testcase classname="events_events_retrieve" name="lifecycle" time="0.000"/>',
        '  </testsuite>',
        '  <testsuite name="events_system_tasks_list" tests="1" failures="0" skipped="1" time="0.000">',
        '    <testcase classname="events_system_tasks_list" name="response-schema" time="0.000"><skipped message="known finding in the baseline: authentik sends uid: null"/>' +
          "<system-out>KNOWN (baseline: authentik sends uid: null): FAIL [response-schema] events_system_tasks_list /results/*/uid: 200 response: must be string (2 times)\n    curl -i -X GET &apos;http://server/api/v3/events/system_tasks/&apos;</system-out></testcase>",
        '  </testsuite>',
        '  <testsuite name="events_system_tasks_retrieve" tests="1" failures="1" skipped="0" time="0.000">',
        '    <testcase classname="events_system_tasks_retrieve" name="response-schema" time="0.000"><failure message="1 finding, 1 failure">' +
          `FAIL [response-schema] events_system_tasks_retrieve /status: 200 response: must be equal to one of the allowed values\n    curl -i -X GET &apos;http://server/api/v3/events/system_tasks/${UUID_A}/&apos;</failure></testcase>`,
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('writes a Markdown summary with the verdict and the new, known and not-seen findings, table cells escaped', () => {
    const piped: Result = { operationId: 'events_events_list', check: 'filters', outcome: 'fail', message: 'search=a|b: 3 rows <b>', curl: "curl 'http://server/?search=a|b'" };
    const markdown = toMarkdownSummary(assess([...results, piped], BASELINE), 'contract suite against http://server');
    expect(markdown).toMatch(/^## Contract suite: failed\n\ncontract suite against http:\/\/server\n\n\*\*Verdict: failed: 2 new findings not in the baseline\.\*\* 1 passed, 4 failed, 0 skipped, 0 warnings\.\n\nBaseline <code>known\.json<\/code>: 1 known, 2 new, 1 not seen in this run\.\n/);
    expect(markdown).toContain('\n### New findings (not in the baseline): 2\n\n| check | operation | path | message | times |\n|---|---|---|---|---:|\n');
    expect(markdown).toContain('\n| filters | <code>events_events_list</code> |  | search=a\\|b: 3 rows &lt;b> | 1 |\n');
    expect(markdown).toContain("\n```sh\n# [response-schema] events_system_tasks_retrieve /status\ncurl -i -X GET 'http://server/api/v3/events/system_tasks/");
    expect(markdown).toContain("# [filters] events_events_list\ncurl 'http://server/?search=a|b'\n```\n");
    expect(markdown).toContain('\n### Known findings, accepted by the baseline: 1\n');
    expect(markdown).toContain('\n### Baseline entries checked but not seen in this run: 1\n\nThe baseline lists known deviations of a server; remove an entry only if this target is that server and the deviation is gone.\n\n| check | operation | path | message |\n|---|---|---|---|\n| lifecycle | <code>events_events_retrieve</code> |  | retrieve after delete answered 200 (expected 404) |\n');
  });
});

describe('JUnit time attributes', () => {
  afterEach(() => jest.restoreAllMocks());

  it('are the measured seconds of each case\'s results, summed per suite and in all, with three decimals', () => {
    // The clock at the recorder's creation, then at each result: 0, 1.2345 s, 1.5 s, 4 s.
    const clock = [0, 1234.5, 1500, 4000];
    jest.spyOn(performance, 'now').mockImplementation(() => clock.shift()!);
    const recorder = new Recorder();
    recorder.pass('events_events_list', 'pagination', 'page 1');
    recorder.pass('events_events_list', 'pagination', 'page 2');
    recorder.pass('events_events_retrieve', 'lifecycle', 'retrieved');
    const lines = toJUnit(assess(recorder.results)).split('\n');
    expect(lines.filter((line) => / time="/.test(line))).toEqual([
      '<testsuites name="contract" tests="2" failures="0" skipped="0" time="4.000">',
      '  <testsuite name="events_events_list" tests="1" failures="0" skipped="0" time="1.500">',
      '    <testcase classname="events_events_list" name="pagination" time="1.500"/>',
      '  <testsuite name="events_events_retrieve" tests="1" failures="0" skipped="0" time="2.500">',
      '    <testcase classname="events_events_retrieve" name="lifecycle" time="2.500"/>',
    ]);
  });
});
