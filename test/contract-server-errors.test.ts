import { assess } from '../contract-tests/assessment';
import { checkConformance } from '../contract-tests/conformance';
import { toFindingKey } from '../contract-tests/findings';
import { Recorder } from '../contract-tests/results';
import { createOperationLookup } from '../contract-tests/suite-context';
import type { Exchange } from '../contract-tests/target';
import { createContract } from '../src/openapi/contract';
import { loadSpec } from '../src/node/spec-files';

const contract = createContract(loadSpec());
const operation = createOperationLookup(contract.spec)('events_events_list');
const PAGE = '<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n</html>\n';

function crash(): Recorder {
  const recorder = new Recorder();
  const url = 'http://authentik.example/api/v3/events/events/';
  const exchange: Exchange = { operation, method: 'GET', url, requestHeaders: {}, status: 500, headers: new Headers({ 'content-type': 'text/html; charset=utf-8' }), text: PAGE, curl: `curl -i -X GET '${url}'` };
  checkConformance(exchange, { contract, recorder, strict: false, probe: false });
  return recorder;
}

describe('a 5xx from a documented operation', () => {
  it('fails status-code, saying what came back, with the curl that reproduces it', () => {
    const [result] = crash().results.filter((r) => r.check === 'status-code');
    expect(result).toEqual({
      operationId: 'events_events_list',
      check: 'status-code',
      outcome: 'fail',
      message: 'GET /api/v3/events/events/ -> 500: the server crashed (text/html; charset=utf-8: <!doctype html> <html lang="en"> <head> <title>Server Error (500)</title> </head…)',
      curl: "curl -i -X GET 'http://authentik.example/api/v3/events/events/'",
      cause: 'GET answered 500: the server crashed',
    });
  });

  it('fails the run without a baseline, and passes it when the baseline lists the crash as known', () => {
    const { results } = crash();
    expect(assess(results).passed).toBe(false);
    const entry = { ...toFindingKey(results.find((r) => r.check === 'status-code')!), reason: 'authentik 2024.8 crashes here' };
    const assessment = assess(results, { file: 'known.json', entries: [entry] });
    expect([assessment.passed, assessment.known.map(({ finding }) => finding.message)]).toEqual([true, ['GET answered 500: the server crashed']]);
  });
});

describe('header failures say what was observed', () => {
  const url = 'http://authentik.example/api/v3/events/events/';
  const answer = (status: number, headers: Record<string, string>, method = 'GET') => {
    const recorder = new Recorder();
    const exchange: Exchange = { operation, method, url, requestHeaders: {}, status, headers: new Headers(headers), text: '', curl: `curl -i -X ${method} '${url}'` };
    checkConformance(exchange, { contract, recorder, strict: false, probe: true });
    return recorder.results.map((r) => [r.outcome, r.message, r.curl]);
  };

  it('a 405 without Allow', () => {
    expect(answer(405, {}, 'PUT')).toEqual([['fail', 'PUT /api/v3/events/events/ -> 405 carries an Allow header (got none)', "curl -i -X PUT 'http://authentik.example/api/v3/events/events/'"]]);
  });

  it('a 403 with WWW-Authenticate', () => {
    expect(answer(403, { 'www-authenticate': 'Bearer realm="api"' })).toEqual([['fail', 'GET /api/v3/events/events/ -> 403 carries no WWW-Authenticate header (got "Bearer realm="api"")', "curl -i -X GET 'http://authentik.example/api/v3/events/events/'"]]);
  });
});
