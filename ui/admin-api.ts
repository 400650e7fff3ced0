/** The admin API (spec/mock-admin.yaml) as the page calls it: same origin, the token (if any) as a bearer. */

const TOKEN_KEY = 'authentik-events-mock.admin-token';

/** A refused call: the admin API's status and its one-line `detail`. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(detail);
  }
}

/** The admin token, kept for this tab only (sessionStorage), never in the URL. */
export const adminToken = {
  get: (): string | undefined => sessionStorage.getItem(TOKEN_KEY) ?? undefined,
  set: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
};

const SESSION_KEY = 'authentik-events-mock.session';

/**
 * The session this tab shows (issue 18), kept for the tab only like the token: every admin call names it with
 * `X-Mock-Session`, so the panels read and change that session's state, faults, stubs and journal.
 */
export const dashboardSession = {
  get: (): string => sessionStorage.getItem(SESSION_KEY) ?? 'default',
  set: (name: string): void => sessionStorage.setItem(SESSION_KEY, name),
};

function headers(body: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  const token = adminToken.get();
  if (token !== undefined) out.Authorization = `Bearer ${token}`;
  const session = dashboardSession.get();
  if (session !== 'default') out['X-Mock-Session'] = session;
  if (body) out['Content-Type'] = 'application/json';
  return out;
}

/** One admin call; a 4xx or 5xx throws AdminApiError with the answer's `detail`. */
export async function callAdmin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/__mock__${path}`, { method, headers: headers(body !== undefined), body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const parsed: unknown = text && res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : undefined;
  if (!res.ok) throw new AdminApiError(res.status, String((parsed as { detail?: unknown } | undefined)?.detail ?? `HTTP ${res.status}`));
  return parsed as T;
}

/**
 * Reads a server-sent-events answer with fetch, which (unlike EventSource) can send the bearer token. Calls
 * `onEvent` per event until `signal` aborts; a dropped stream is opened again after two seconds.
 */
export async function followEvents(path: string, signal: AbortSignal, onEvent: (event: string, data: string) => void, onState: (open: boolean, error?: string) => void): Promise<void> {
  while (!signal.aborted) {
    try {
      const res = await fetch(`/__mock__${path}`, { headers: headers(false), signal });
      if (!res.ok || !res.body) {
        const detail = ((await res.json().catch(() => ({}))) as { detail?: string }).detail;
        throw new AdminApiError(res.status, detail ?? `HTTP ${res.status}`);
      }
      onState(true);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          dispatch(buffer.slice(0, end), onEvent);
          buffer = buffer.slice(end + 2);
        }
      }
      onState(false, 'the stream closed; reconnecting');
    } catch (error) {
      if (signal.aborted) return;
      onState(false, (error as Error).message);
      if (error instanceof AdminApiError && error.status === 403) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/** One event's lines: `event:` names it (default `message`), `data:` lines are joined; comments (`:`) are skipped. */
function dispatch(block: string, onEvent: (event: string, data: string) => void): void {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (data.length > 0) onEvent(event, data.join('\n'));
}
