// Bundles the dashboard (ui/, plain TypeScript modules) into dist/ui/: dashboard.js, dashboard.css and index.html,
// which the Node hosts serve at /__mock__/. The bundle is built, never committed; the package ships it (files).
// The forms' and filters' choices (task statuses, log levels, 2025.8's task states) come from the specs here
// (spec/authentik-events.yaml for 2024.8, spec/authentik-2025.8.yaml for 2025.8), so the page restates none.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'js-yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'ui');
const readSchemas = (file) => YAML.load(readFileSync(join(root, 'spec', file), 'utf8'), { schema: YAML.CORE_SCHEMA }).components.schemas;
const schemas = readSchemas('authentik-events.yaml');
const schemas2025 = readSchemas('authentik-2025.8.yaml');

/** The enum of `schema.property`, through the `$ref` or `allOf: [$ref]` the generator wraps it in; throws if the spec has none. */
function propertyEnum(all, schema, property) {
  let node = all[schema]?.properties?.[property];
  while (node && !node.enum) node = node.$ref ? all[node.$ref.split('/').pop()] : node.allOf?.[0];
  if (!node) throw new Error(`build-ui: ${schema}.${property} has no enum in the spec`);
  return node.enum;
}

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
    __TASK_STATES__: JSON.stringify(propertyEnum(schemas2025, 'Task', 'state')),
    __TASK_AGGREGATED_STATUSES__: JSON.stringify(propertyEnum(schemas2025, 'Task', 'aggregated_status')),
  },
});
for (const file of ['index.html', 'dashboard.css']) copyFileSync(join(root, 'ui', file), join(out, file));
