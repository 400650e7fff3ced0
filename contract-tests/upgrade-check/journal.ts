import { readFileSync } from 'node:fs';

/** One request as the mock's journal recorded it (spec/mock-admin.yaml, MockJournalEntry); the fields the check reads. */
export interface JournalRequest {
  timestamp: string;
  method: string;
  path: string;
  url: string;
  operationId: string | null;
  status: number;
  request_body: unknown;
  response_body: unknown;
}

/** A journal that cannot be had: the command turns it into one line and exit 2. */
export class JournalError extends Error {}

/**
 * The requests of a journal export file, or of a running mock (`http(s)://…`, with or without `/api/v3`),
 * oldest first so that reports read in the order the app sent them (the journal lists newest first).
 */
export async function readJournal(source: string, adminToken?: string): Promise<JournalRequest[]> {
  const isUrl = /^https?:\/\//i.test(source);
  const text = isUrl ? await fetchJournal(source, adminToken) : readJournalFile(source);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new JournalError(`${source}: not JSON: ${(error as Error).message}`);
  }
  return parseJournal(parsed, source).reverse();
}

function readJournalFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new JournalError(`${path}: cannot read the journal: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** `<mock>/__mock__/requests`; the base URL people copy is the API root, so `/api/v3` is dropped first. */
export function journalUrl(base: string): string {
  return `${base.replace(/\/+$/, '').replace(/\/api\/v3$/, '')}/__mock__/requests`;
}

async function fetchJournal(base: string, adminToken?: string): Promise<string> {
  const url = journalUrl(base);
  let response: Response;
  try {
    response = await fetch(url, { headers: adminToken ? { Authorization: `Bearer ${adminToken}` } : {} });
  } catch (error) {
    // undici says only "fetch failed"; the reason (ECONNREFUSED, bad port) is on its cause.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new JournalError(`${url}: cannot fetch the journal: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
  const text = await response.text();
  if (response.status === 401 || response.status === 403) throw new JournalError(`${url}: the mock answered ${response.status}: it needs --admin-token`);
  if (!response.ok) throw new JournalError(`${url}: the mock answered ${response.status}, not the journal`);
  return text;
}

/** The export's shape, `{"requests":[…]}`, checked so that a wrong file is a clear line, not a crash later. */
export function parseJournal(value: unknown, source: string): JournalRequest[] {
  const requests = (value as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests)) throw new JournalError(`${source}: not a journal export: expected {"requests":[…]} as GET /__mock__/requests answers`);
  return requests.map((entry, i) => {
    const e = entry as Partial<JournalRequest> | null;
    if (!e || typeof e.method !== 'string' || typeof e.path !== 'string' || typeof e.url !== 'string' || typeof e.status !== 'number' || typeof e.timestamp !== 'string') {
      throw new JournalError(`${source}: requests[${i}] is not a journal entry (method, path, url, status and timestamp are required)`);
    }
    return { timestamp: e.timestamp, method: e.method.toUpperCase(), path: e.path, url: e.url, operationId: e.operationId ?? null, status: e.status, request_body: e.request_body ?? null, response_body: e.response_body ?? null };
  });
}
