import type { HttpHandler, http } from 'msw';
import { ConfigError } from '../config/config';
import { createMockAdmin, type MockAdmin } from '../core/admin-client';
import type { MockCore } from '../core/create-core';
import { createBundledMock, type BundledMockOptions } from './bundled-mock';
import { toCoreRequest, toFetchResponse } from './fetch-handler';

export interface MswHandlersOptions extends BundledMockOptions {
  /**
   * The authentik whose requests the handlers answer: an origin such as `https://authentik.company` (or the
   * client's `basePath`, `https://authentik.company/api/v3`). Default: `/api/v3/` and `/__mock__/` on any origin.
   */
  baseUrl?: string;
}

export interface MswHandlers {
  /** For `setupWorker(...handlers)` or `setupServer(...handlers)`: one catch-all for authentik's API and the admin API. */
  handlers: HttpHandler[];
  /** The admin API as methods, as `startMock().admin`: reset, scenarios, state, requests, faults. */
  mock: MockAdmin;
  /** The running mock itself (its store, journal and faults), for tests that reach inside. */
  core: MockCore;
}

/**
 * The mock as Mock Service Worker handlers: the same core and pipeline as over HTTP (403 table, DRF's 400
 * bodies, pagination, `Allow`, response validation, journal, faults, latency), built from the bundled spec
 * and fixtures. A fault that drops the connection answers `Response.error()`, which msw turns into a network error.
 *
 * msw's `http` comes from the entry point that imports msw (src/msw.ts for CommonJS, esm/msw.mjs for ESM), so
 * that the handlers are made by the same msw build as the caller's `setupServer`/`setupWorker`.
 */
export function createHandlersWith(msw: { http: typeof http }, options: MswHandlersOptions = {}): MswHandlers {
  const { baseUrl, ...mockOptions } = options;
  const matches = toRequestPattern(baseUrl);
  const core = createBundledMock(mockOptions);
  const handler = msw.http.all(matches, async ({ request }) => toFetchResponse(await core.handle(await toCoreRequest(request))));
  return { handlers: [handler], mock: createMockAdmin(core.handle, mockOptions.adminToken), core };
}

/**
 * The URLs the handler takes, as msw matches a RegExp: against the URL without its query. Groups do not
 * capture: msw percent-decodes captured groups, and a malformed escape (`%E0`) would throw inside msw instead
 * of reaching the core, which answers it as Django does.
 */
export function toRequestPattern(baseUrl: string | undefined): RegExp {
  const surfaces = String.raw`\/(?:api\/v3\/|__mock__(?:\/|$))`;
  if (baseUrl === undefined) return new RegExp(String.raw`^[a-z][a-z0-9+.-]*:\/\/[^/]+${surfaces}`);
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ConfigError(`baseUrl: "${baseUrl}" is not a URL; give an origin such as https://authentik.company`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  if ((path !== '' && path !== '/api/v3') || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new ConfigError(`baseUrl: "${baseUrl}" must be an origin such as https://authentik.company (or its /api/v3), without a path, query or credentials`);
  }
  return new RegExp(`^${escapeRegExp(url.origin)}${surfaces}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
