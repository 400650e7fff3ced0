import { Recorder, type Result } from '../../contract-tests/results';
import { toCurl } from '../../contract-tests/target';
import { createFetchHandler } from '../hosts/fetch-handler';
import { findSpecPath, loadSpec } from '../node/spec-files';
import type { MockScenario } from '../openapi/generated/schemas';
import { RecordError, recordTarget, type Recording } from '../record/record';
import { parseScenarioJson } from '../seed/scenario-json';
import { ScenarioError } from '../seed/scenario';
import { profileFor } from '../versions/profiles';
import type { AuthentikVersion } from '../versions/version-names';
import { compareAnswers, VERIFY_CHECKS, type Difference } from './compare-answers';
import { planRequests, type PlannedRequest } from './request-plan';
import { createSide, NoAnswer, type Answer, type Side } from './sides';

/** A run that cannot compare anything: the target cannot be reached or is not authentik (exit 2, one line). */
export class VerifyError extends Error {}

export interface VerifyOptions {
  /** The target's API root: `https://authentik.example/api/v3`. */
  against: string;
  token: string;
  /** How many requests (default 200). */
  requests?: number;
  seed?: number;
  authentikVersion?: AuthentikVersion;
  /** Progress lines (stderr for the CLI). */
  log?: (line: string) => void;
  /** Called after each request is compared, with how many are done (the CLI's progress; a test writes to the target there). */
  onCompared?: (done: number, total: number) => Promise<void> | void;
  /** Rows per page while recording (100). */
  pageSize?: number;
}

export const DEFAULT_REQUESTS = 200;
export const DEFAULT_SEED = 1;

/** Where the report's curls send the mock side: `authentik-events-mock --scenario FILE` on its default port. */
export const MOCK_ROOT = 'http://127.0.0.1:9000/api/v3';

export interface VerifyRun {
  /** One result per request and check: pass, fail (a difference), or warn (a known difference). */
  results: Result[];
  requests: PlannedRequest[];
  recording: Recording;
  /** Requests whose answers differed at first and agreed after the target was recorded again. */
  resolvedByResync: number;
}

/**
 * `authentik-events-mock verify`: records the target (read-only), loads the recording into an in-process
 * mock, and sends the same seeded read-only requests to both. Differences that a fresh recording makes go
 * away were the target moving (a live authentik writes events all the time): they are not counted
 * (decision 027).
 */
export async function verifyTarget(options: VerifyOptions): Promise<VerifyRun> {
  const root = options.against.replace(/\/+$/, '');
  const version = profileFor(options.authentikVersion);
  const log = options.log ?? (() => undefined);
  const target = createSide(root, options.token, (request) => fetch(request));
  let { recording, mock } = await recordIntoMock(options, root, log);
  const spec = loadSpec(findSpecPath(version));
  const requests = planRequests(spec, rowsOf(recording), options.requests ?? DEFAULT_REQUESTS, options.seed ?? DEFAULT_SEED);

  const differing = new Map<number, Difference[]>();
  for (const [index, request] of requests.entries()) {
    differing.set(index, await compareOnce(request, target, mock));
    await options.onCompared?.(index + 1, requests.length);
  }
  const counted = (index: number) => (differing.get(index) ?? []).some((difference) => !difference.known);
  let resolvedByResync = 0;
  const again = [...differing.keys()].filter(counted);
  if (again.length > 0) {
    const first = differing.get(again[0]!)!.find((difference) => !difference.known)!;
    log(`${again.length} ${again.length === 1 ? 'request differs' : 'requests differ'} (the first: ${first.message}); recording the target again to tell its new rows from differences`);
    ({ recording, mock } = await recordIntoMock(options, root, log));
    for (const index of again) {
      differing.set(index, await compareOnce(requests[index]!, target, mock));
      if (!counted(index)) resolvedByResync++;
    }
  }

  const recorder = new Recorder();
  const masks = new Map([[options.token, 'AUTHENTIK_TOKEN']]);
  const headers = { Authorization: `Bearer ${options.token}` };
  for (const [index, request] of requests.entries()) {
    const differences = differing.get(index) ?? [];
    const curl = `${toCurl(request.method, `${root}${request.path}`, headers, undefined, masks)}\n${toCurl(request.method, `${MOCK_ROOT}${request.path}`, headers, undefined, masks)}`;
    for (const check of VERIFY_CHECKS) {
      const found = differences.filter((difference) => difference.check === check);
      if (found.length === 0) {
        recorder.pass(request.operationId, check, `${request.method} ${request.path}`);
        continue;
      }
      for (const difference of found) recorder.record(request.operationId, check, difference.known ? 'warn' : 'fail', difference.message, curl, { cause: difference.cause, ...(difference.path !== undefined ? { path: difference.path } : {}) });
    }
  }
  return { results: recorder.results, requests, recording, resolvedByResync };
}

async function compareOnce(request: PlannedRequest, target: Side, mock: Side): Promise<Difference[]> {
  const [left, right] = await Promise.all([answerOf(target, request), answerOf(mock, request)]);
  return compareAnswers(request, left, right);
}

// A request that got no answer (a reset, a timeout) is compared as status 0, so that it is one difference among the others.
async function answerOf(side: Side, request: PlannedRequest): Promise<Answer> {
  try {
    return await side(request);
  } catch (error) {
    if (error instanceof NoAnswer) return { status: 0, contentType: null, allow: null, body: error.message };
    throw error;
  }
}

async function recordIntoMock(options: VerifyOptions, root: string, log: (line: string) => void): Promise<{ recording: Recording; mock: Side }> {
  let recording: Recording;
  try {
    // Every row: a list's count and its last page are compared, so a recording of only the newest events would differ by design.
    recording = await recordTarget({ from: root, token: options.token, events: Number.MAX_SAFE_INTEGER, log, ...(options.pageSize ? { pageSize: options.pageSize } : {}) });
  } catch (error) {
    if (error instanceof RecordError) throw new VerifyError(error.message);
    throw error;
  }
  const version = profileFor(options.authentikVersion);
  let handler: ReturnType<typeof createFetchHandler>;
  try {
    const scenario = parseScenarioJson(recording.text, version.tables) as MockScenario;
    // The mock's own lines (an authentik crash it reproduces) would read as verify's; the comparison reports the answer.
    handler = createFetchHandler({ scenario, authentikVersion: version.name, quiet: true }, () => undefined);
  } catch (error) {
    if (error instanceof ScenarioError) throw new VerifyError(`${root} is not authentik ${version.name}'s API: its rows do not load into the mock (${error.message})`);
    throw error;
  }
  // The in-process mock accepts any token; it is given the target's, so that a curl for either side is the same.
  return { recording, mock: createSide(MOCK_ROOT, options.token, handler) };
}

/** The recorded rows by the collection path the spec serves them under. */
function rowsOf(recording: Recording) {
  return new Map([
    ['/events/events/', recording.events],
    ['/events/system_tasks/', recording.systemTasks],
  ]);
}
