import { isDropped, type HandleRequest } from '../../src/core/core-types';

/** An answer as tests read it, with supertest's field names: headers by lower-case name, body parsed when JSON. */
export interface InjectResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** Parsed JSON, or `{}` when the answer is not JSON (as supertest gives it). */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON shapes
}

/**
 * One request to the core, in-process (no socket), as Fastify's `inject`: chain `set`, `unset`, `type`
 * and `send` as with supertest, then await it. Body rules follow superagent, which the tests were written
 * against: an object is sent as JSON, a string without a type as a form, a Buffer as it is.
 */
export class InjectTest implements PromiseLike<InjectResponse> {
  private readonly headers: Record<string, string> = {};
  private body: Uint8Array | undefined;

  constructor(
    private readonly handle: HandleRequest,
    private readonly method: string,
    private readonly url: string,
  ) {}

  set(name: string | Record<string, string>, value?: string): this {
    const pairs = typeof name === 'string' ? { [name]: value! } : name;
    for (const [key, val] of Object.entries(pairs)) this.headers[key.toLowerCase()] = val;
    return this;
  }

  unset(name: string): this {
    delete this.headers[name.toLowerCase()];
    return this;
  }

  type(type: string): this {
    return this.set('content-type', type === 'json' ? 'application/json' : type);
  }

  send(data: string | object | Uint8Array): this {
    if (data instanceof Uint8Array) this.body = data;
    else if (typeof data === 'string') {
      this.headers['content-type'] ??= 'application/x-www-form-urlencoded';
      this.body = Buffer.from(data);
    } else {
      this.headers['content-type'] ??= 'application/json';
      this.body = Buffer.from(JSON.stringify(data));
    }
    this.headers['content-length'] = String(this.body.length);
    return this;
  }

  then<A = InjectResponse, B = never>(onFulfilled?: ((value: InjectResponse) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.run().then(onFulfilled, onRejected);
  }

  private async run(): Promise<InjectResponse> {
    const outcome = await this.handle({ method: this.method, url: this.url, headers: { ...this.headers }, body: this.body });
    if (isDropped(outcome)) throw new Error('socket hang up');
    const headers: Record<string, string> = {};
    for (let i = 0; i < outcome.headers.length; i += 2) headers[outcome.headers[i]!.toLowerCase()] = outcome.headers[i + 1]!;
    const text = outcome.body ?? '';
    const isJson = headers['content-type']?.startsWith('application/json') && text !== '';
    return { status: outcome.status, headers, text, body: isJson ? JSON.parse(text) : {} };
  }
}

/** supertest's `request(app)`, for anything with the core's `handle`. */
export function request(target: { handle: HandleRequest }) {
  const to = (method: string) => (url: string) => new InjectTest(target.handle, method, url);
  return { get: to('GET'), post: to('POST'), put: to('PUT'), patch: to('PATCH'), delete: to('DELETE'), options: to('OPTIONS'), head: to('HEAD') };
}
