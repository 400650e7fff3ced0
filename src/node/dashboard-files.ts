import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DashboardAsset, DashboardAssets } from '../core/dashboard';

/** dist/ui/, written by scripts/build-ui.mjs: beside dist/src/ when installed, under dist/ when jest runs src/. */
export const DASHBOARD_DIR = [join(__dirname, '..', '..', 'ui'), join(__dirname, '..', '..', 'dist', 'ui')].find((dir) => existsSync(join(dir, 'dashboard.js')));

// The built files and the paths they are served at below /__mock__/.
const FILES: ReadonlyArray<[path: string, file: string, contentType: string]> = [
  ['', 'index.html', 'text/html; charset=utf-8'],
  ['ui/dashboard.js', 'dashboard.js', 'text/javascript; charset=utf-8'],
  ['ui/dashboard.css', 'dashboard.css', 'text/css; charset=utf-8'],
];

/** The dashboard's files, read once; undefined (and the admin API alone at /__mock__/) when the UI is not built. */
export function loadDashboardAssets(dir = DASHBOARD_DIR): DashboardAssets | undefined {
  if (dir === undefined) return undefined;
  return new Map(FILES.map(([path, file, contentType]): [string, DashboardAsset] => [path, { contentType, text: readFileSync(join(dir, file), 'utf8') }]));
}
