import type { Operation } from '../src/openapi/operations';
import type { Recorder } from './results';
import { checkConformance } from './conformance';
import type { Contract } from '../src/openapi/contract';

/** One request and its response, as the suite saw them. */
export interface Exchange {
  operation: Operation;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body when it is JSON; undefined otherwise. */
  json?: unknown;
  curl: string;
}

export interface CallOptions {
  /** Path parameters, e.g. `{ event_uuid: '…' }`. */
  params?: Record<string, string>;
  query?: Record<string, string> | string;
  /** A JSON value to send, or a raw string (sent as is). */
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  /** The Authorization header; the configured token by default, `null` for none. */
  authorization?: string | null;
  /** A method other than the operation's own (for 405 probes). */
  method?: string;
  /** false: do not check the answer's conformance (the reachability probe, whose answer may be no API's at all). */
  conformance?: boolean;
}

export interface TargetOptions {
  baseUrl: string;
  token: string;
  contract: Contract;
  recorder: Recorder;
  /** Undocumented error statuses fail instead of warn. */
  strict: boolean;
  /** Give up on a request after this many milliseconds. */
  timeoutMs?: number;
  /** The restricted tokens the permission checks send, each shown in curl commands as its variable. */
  otherTokens?: { viewer?: string; noPermission?: string };
}

/** Talks HTTP to the server under test; every exchange is checked for conformance to the spec as it happens. */
export class Target {
  readonly baseUrl: string;

  private readonly masks: ReadonlyMap<string, string>;

  constructor(private readonly options: TargetOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    const { viewer, noPermission } = options.otherTokens ?? {};
    this.masks = new Map([...(noPermission ? [[noPermission, 'NO_PERMISSION_TOKEN'] as const] : []), ...(viewer ? [[viewer, 'VIEWER_TOKEN'] as const] : []), [options.token, 'TOKEN']]);
  }

  get recorder(): Recorder {
    return this.options.recorder;
  }

  get contract(): Contract {
    return this.options.contract;
  }

  async call(operation: Operation, options: CallOptions = {}): Promise<Exchange> {
    const method = options.method ?? operation.method;
    let path = operation.path;
    for (const [name, value] of Object.entries(options.params ?? {})) path = path.replace(`{${name}}`, encodeURIComponent(value));
    const query = typeof options.query === 'string' ? options.query : new URLSearchParams(options.query ?? {}).toString();
    const url = `${this.baseUrl}${path}${query ? `?${query}` : ''}`;
    const requestHeaders: Record<string, string> = { Accept: 'application/json' };
    const authorization = options.authorization === undefined ? `Bearer ${this.options.token}` : options.authorization;
    if (authorization !== null) requestHeaders.Authorization = authorization;
    const requestBody = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (requestBody !== undefined) requestHeaders['Content-Type'] = options.contentType ?? 'application/json';
    const response = await fetch(url, {
      method,
      headers: requestHeaders,
      body: requestBody,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const exchange: Exchange = {
      operation,
      method,
      url,
      requestHeaders,
      requestBody,
      status: response.status,
      headers: response.headers,
      text,
      json,
      curl: toCurl(method, url, requestHeaders, requestBody, this.masks),
    };
    // A probe with another method is not the operation's own exchange; only its generic headers are checked.
    if (options.conformance !== false) checkConformance(exchange, { contract: this.options.contract, recorder: this.options.recorder, strict: this.options.strict, probe: method !== operation.method });
    return exchange;
  }
}

/**
 * The request as a curl command a person can paste; a known bearer token is shown as its shell variable
 * (`masks`: token → variable name, e.g. `$TOKEN`), so that reports never carry a secret.
 */
export function toCurl(method: string, url: string, headers: Record<string, string>, body?: string, masks: ReadonlyMap<string, string> = new Map()): string {
  const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
  const parts = ['curl', '-i', '-X', method, quote(url)];
  for (const [name, value] of Object.entries(headers)) {
    const variable = name === 'Authorization' && value.startsWith('Bearer ') ? masks.get(value.slice('Bearer '.length)) : undefined;
    parts.push('-H', variable ? `"Authorization: Bearer $${variable}"` : quote(`${name}: ${value}`));
  }
  if (body !== undefined) parts.push('--data-raw', quote(body));
  return parts.join(' ');
}
