// Bundles the dashboard (ui/, plain TypeScript modules) into dist/ui/: dashboard.js, dashboard.css and index.html,
// which the Node hosts serve at /__mock__/. The bundle is built, never committed; the package ships it (files).
// The forms' choices (task statuses, log levels) come from spec/authentik-events.yaml here, so the page restates none.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'js-yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'ui');
const schemas = YAML.load(readFileSync(join(root, 'spec', 'authentik-events.yaml'), 'utf8'), { schema: YAML.CORE_SCHEMA }).components.schemas;

mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, 'ui', 'main.ts')],
  outfile: join(out, 'dashboard.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  // Browsers with fetch streams and TextDecoderStream.
  target: ['chrome105', 'firefox105', 'safari15'],
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  define: {
    __SYSTEM_TASK_STATUSES__: JSON.stringify(schemas.SystemTaskStatusEnum.enum),
    __LOG_LEVELS__: JSON.stringify(schemas.LogLevelEnum.enum),
  },
});
for (const file of ['index.html', 'dashboard.css']) copyFileSync(join(root, 'ui', file), join(out, file));
