import { createMockAdmin, MockAdminError, type MockAdmin } from '../core/admin-client';
import type { HandleRequest } from '../core/core-types';

export interface AdminClientOptions {
  /** The bearer token the mock was started with (`--admin-token`), if any. */
  adminToken?: string;
  /** The session to act on (`X-Mock-Session`); default: the default session. */
  session?: string;
}

/**
 * `mock.admin` for a mock another process started (a test worker beside a global setup, a Playwright test
 * beside a dev server): the same methods over HTTP. `url` is the mock's origin or its API base
 * (`http://127.0.0.1:9000` or `…/api/v3`); the admin API lives at `/__mock__/` on that origin.
 */
export function createAdminClient(url: string, options: AdminClientOptions = {}): MockAdmin {
  const origin = new URL(url).origin;
  const handle: HandleRequest = async (request) => {
    const headers = Object.fromEntries(Object.entries(request.headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    let response: Response;
    try {
      response = await fetch(`${origin}${request.url}`, { method: request.method, headers, body: request.body });
    } catch (error) {
      throw new MockAdminError(0, `cannot reach the mock's admin API at ${origin}/__mock__/: ${(error as Error).message}`);
    }
    const headerPairs: string[] = [];
    response.headers.forEach((value, name) => headerPairs.push(name, value));
    return { status: response.status, headers: headerPairs, body: await response.text() };
  };
  return createMockAdmin(handle, options.adminToken, options.session);
}
