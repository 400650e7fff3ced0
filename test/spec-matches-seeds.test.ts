import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { inlineRefs } from '../src/openapi/dereference';
import { getOperation, listOperations } from '../src/openapi/operations';
import { loadSpec } from '../src/node/spec-files';

// The five operations as authentik documents them (reference/authentik-2024.8.6/seeds).
const SEEDS_DIR = join(__dirname, '..', 'reference', 'authentik-2024.8.6', 'seeds');
const spec = loadSpec();
const operations = listOperations(spec);

/** The OpenAPI operation a seed's `api:` front-matter holds: base64 of zlib-deflated JSON. */
function decodeSeed(file: string): Record<string, unknown> | undefined {
  const text = readFileSync(join(SEEDS_DIR, file), 'utf8');
  const match = /^\|?\s*api:\s*([A-Za-z0-9+/=]+)\s*$/m.exec(text);
  return match ? JSON.parse(inflateSync(Buffer.from(match[1]!, 'base64')).toString('utf8')) : undefined;
}

const seedFiles = readdirSync(SEEDS_DIR).filter((f) => /^\d{3}_.*\.txt$/.test(f));
const decoded = seedFiles.map((file) => ({ file, operation: decodeSeed(file) })).filter((s) => s.operation !== undefined);

describe('spec/authentik-events.yaml matches the seed documents', () => {
  it('finds the four seeds that carry an encoded operation', () => {
    expect(decoded.map((s) => s.operation!.operationId).sort()).toEqual([
      'events_events_create',
      'events_events_partial_update',
      'events_events_retrieve',
      'events_system_tasks_retrieve',
    ]);
  });

  it.each(decoded.map((s) => [s.operation!.operationId as string, s.operation!] as const))(
    '%s is the same operation once $refs are resolved',
    (operationId, seed) => {
      const op = getOperation(operations, operationId);
      expect(op.method.toLowerCase()).toBe(seed.method);
      expect(op.path).toBe(seed.path);
      const item = spec.paths[op.path]![seed.method as string] as Record<string, unknown>;
      for (const key of ['operationId', 'description', 'parameters', 'tags', 'requestBody', 'security', 'responses']) {
        expect([key, inlineRefs(spec, item[key])]).toEqual([key, seed[key]]);
      }
      expect(spec.servers).toEqual(seed.servers);
      expect(spec.components.securitySchemes).toEqual(seed.securitySchemes);
    },
  );

  it('events_system_tasks_list (rendered text only) has the parameters and status values the seed lists', () => {
    const text = readFileSync(join(SEEDS_DIR, '001_fc544aa584b33526.txt'), 'utf8');
    const section = text.slice(text.indexOf('Query Parameters'), text.indexOf('Responses'));
    const names = [...section.matchAll(/^(\w+) (string|integer)$/gm)].map((m) => m[1]);
    const statuses = [...section.slice(section.indexOf('Possible values')).matchAll(/(\w+)\s*\n?[,\]]/g)].map((m) => m[1]);
    const op = getOperation(operations, 'events_system_tasks_list');
    expect(op.parameters.map((p) => p.name)).toEqual(names);
    expect(op.parameters.find((p) => p.name === 'status')!.schema.enum).toEqual(statuses);
    expect(op.responseStatuses).toEqual(['200', '400', '403']);
  });
});
