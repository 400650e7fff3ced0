import { utf8Length } from '../python/utf8';
import { commonHeaderPairs } from './common-headers';
import type { CoreResponse } from './core-types';

/** One built file of the dashboard (dist/ui/): its media type and text. */
export interface DashboardAsset {
  contentType: string;
  text: string;
}

/** The dashboard's files by the path they are served at, below `/__mock__/`: `''` is the page, `ui/dashboard.js` its script. */
export type DashboardAssets = ReadonlyMap<string, DashboardAsset>;

/**
 * The page runs only its own files: no inline script or style, no eval (CSP Level 3), and it talks only to its
 * own origin. `frame-ancestors 'none'` repeats X-Frame-Options for browsers that follow CSP alone.
 */
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Answers a dashboard path (`/__mock__/`, `/__mock__/ui/…`) from the built assets: static text, so it never
 * goes through the JSON pipeline or response validation. Undefined when the path is not one of them.
 */
export function answerDashboard(assets: DashboardAssets, method: string, subpath: string): CoreResponse | undefined {
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  const asset = assets.get(subpath);
  if (!asset) return undefined;
  const headers = commonHeaderPairs();
  headers.push(
    'Content-Type', asset.contentType,
    'Content-Security-Policy', DASHBOARD_CSP,
    // The page's assets change with each build of the package; a browser asks again rather than run a stale script.
    'Cache-Control', 'no-cache',
    'Content-Length', String(utf8Length(asset.text)),
  );
  return method === 'HEAD' ? { status: 200, headers } : { status: 200, headers, body: asset.text };
}
