import { Recorder, type Result } from '../../contract-tests/results';
import { toCurl } from '../../contract-tests/target';
import { createFetchHandler } from '../hosts/fetch-handler';
import { findSpecPath, loadSpec } from '../node/spec-files';
import type { MockScenario } from '../openapi/generated/schemas';
import type { OpenApiDocument } from '../openapi/spec-document';
import { parsePyJson, PyJsonError } from '../python/py-json';
import { RecordError, recordTarget, type Recording } from '../record/record';
import { parseScenarioJson } from '../seed/scenario-json';
import { ScenarioError } from '../seed/scenario';
import { profileFor } from '../versions/profiles';
import type { AuthentikVersion } from '../versions/version-names';
import { compareAnswers, type Difference } from './compare-answers';
import { planRequests, type PlannedRequest } from './request-plan';
import { VERIFY_CHECKS } from './verify-checks';
import { createSide, NoAnswer, type Answer, type Side } from './sides';
import { planWrites, type PlannedWrite } from './write-plan';

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
  /** `--writes N`: N create sequences (and a third as many task runs) on a disposable target, after the reads. */
  writes?: number;
  /** Rows per page while recording (100). */
  pageSize?: number;
}

export const DEFAULT_REQUESTS = 200;
export const DEFAULT_SEED = 1;

/** How often a request that differed is sent again after the re-recording before it counts. */
const RETRIES = 3;

/** Where the report's curls send the mock side: `authentik-events-mock --scenario FILE` on its default port. */
export const MOCK_ROOT = 'http://127.0.0.1:9000/api/v3';

export interface VerifyRun {
  /** One result per request and check: pass, fail (a difference), or warn (a known difference). */
  results: Result[];
  requests: PlannedRequest[];
  recording: Recording;
  /** Requests whose answers differed at first and agreed after the target was recorded again. */
  resolvedByResync: number;
  /** How many requests were compared: the reads, and with `writes` every write too. */
  compared: number;
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
      // A few tries each: volume/ and per_month/ hold the moment of the request in whole seconds, so a pair
      // of requests that straddles a second differs once, by chance, and hardly ever three times running.
      for (let attempt = 0; attempt < RETRIES && counted(index); attempt++) differing.set(index, await compareOnce(requests[index]!, target, mock));
      if (!counted(index)) resolvedByResync++;
    }
  }

  const compared: Compared[] = requests.map((request, index) => ({ request, differences: differing.get(index) ?? [] }));
  if (options.writes) compared.push(...(await compareWrites(spec, options, recording, target, mock)));
  return { results: toResults(compared, root, options.token), requests, recording, resolvedByResync, compared: compared.length };
}

/** One request as sent to both sides (with the path each side was sent, where a write's id differs) and how the answers differed. */
interface Compared {
  request: PlannedRequest;
  differences: Difference[];
  mockPath?: string;
}

/** Every comparison as the contract suite's results: a pass or a failure (a warning for a known difference) per check, with both curls. */
function toResults(compared: readonly Compared[], root: string, token: string): Result[] {
  const recorder = new Recorder();
  const masks = new Map([[token, 'AUTHENTIK_TOKEN']]);
  for (const { request, differences, mockPath } of compared) {
    const headers = { Authorization: `Bearer ${token}`, ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}) };
    const curl = `${toCurl(request.method, `${root}${request.path}`, headers, request.body, masks)}\n${toCurl(request.method, `${MOCK_ROOT}${mockPath ?? request.path}`, headers, request.body, masks)}`;
    for (const check of VERIFY_CHECKS) {
      const found = differences.filter((difference) => difference.check === check);
      if (found.length === 0) {
        recorder.pass(request.operationId, check, `${request.method} ${request.path}`);
        continue;
      }
      for (const difference of found) recorder.record(request.operationId, check, difference.known ? 'warn' : 'fail', difference.message, curl, { cause: difference.cause, ...(difference.path !== undefined ? { path: difference.path } : {}) });
    }
  }
  return recorder.results;
}

/**
 * `--writes`: the planned creates (each followed by reads, updates and the delete of the row each side
 * created, on its own id) and task runs, sent to both after the reads, so that the reads saw the snapshot.
 * A row the target created is deleted even when the sequence stopped before its DELETE.
 */
async function compareWrites(spec: OpenApiDocument, options: VerifyOptions, recording: Recording, target: Side, mock: Side): Promise<Compared[]> {
  const taskIds = recording.systemTasks.map((task) => task.get('uuid')).filter((id): id is string => typeof id === 'string');
  const { sequences, runs } = planWrites(spec, options.writes ?? 0, options.seed ?? DEFAULT_SEED, taskIds);
  const out: Compared[] = [];
  const send = async (write: PlannedWrite, ids: [string, string] = ['', '']) => {
    const request: PlannedRequest = { operationId: write.operationId, method: write.method, path: write.path.replace('{created}', ids[0]), family: 'write', ...(write.body !== undefined ? { body: write.body } : {}) };
    const mockRequest = { ...request, path: write.path.replace('{created}', ids[1]) };
    const [left, right] = await Promise.all([answerOf(target, request), answerOf(mock, mockRequest)]);
    out.push({ request, differences: compareAnswers(request, masked(left, write, ids[0]), masked(right, write, ids[1])), ...(ids[1] ? { mockPath: mockRequest.path } : {}) });
    return [left, right] as const;
  };
  for (const sequence of sequences) {
    const [left, right] = await send(sequence.create);
    const ids: [string, string] = [createdId(left), createdId(right)];
    if (!ids[0]) continue;
    let deleted = false;
    try {
      if (!ids[1]) continue;
      for (const step of sequence.onCreated) {
        const [answer] = await send(step, ids);
        if (step.method === 'DELETE' && answer.status < 300) deleted = true;
      }
    } finally {
      if (!deleted) await target({ operationId: sequence.create.operationId, method: 'DELETE', path: `${sequence.create.path}${ids[0]}/`, family: 'cleanup' }).catch(() => undefined);
    }
  }
  for (const run of runs) await send(run);
  return out;
}

/** The id a create answered with (its `pk`), or '' when it created nothing. */
function createdId(answer: Answer): string {
  if (answer.status !== 201) return '';
  try {
    const body = parsePyJson(answer.body);
    const pk = body instanceof Map ? body.get('pk') : undefined;
    return typeof pk === 'string' ? pk : '';
  } catch (error) {
    if (error instanceof PyJsonError) return '';
    throw error;
  }
}

/** An answer with what each server makes up itself masked: the row's own id, and the generated keys' values. */
function masked(answer: Answer, write: PlannedWrite, id: string): Answer {
  let body = id ? answer.body.replaceAll(id, '{created}') : answer.body;
  for (const key of write.generated) body = body.replace(new RegExp(`"${key}":"[^"]*"`, 'g'), `"${key}":"{generated}"`);
  return { ...answer, body };
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
