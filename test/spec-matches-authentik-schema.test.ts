import { findShippedSchemaPath, findSpecPath, loadSpec } from '../src/node/spec-files';
import { profileFor } from '../src/versions/profiles';
import { FULL_SCHEMA } from './helpers/full-spec';

// spec/authentik-events.yaml is a selection of blocks from authentik's own schema.yml: every path and every
// component it has must be that text unchanged (reference/authentik-2024.8.6/schema.yml).
const ours = loadSpec();
const authentik = loadSpec(FULL_SCHEMA);

describe('spec/authentik-events.yaml equals authentik 2024.8.6\'s schema.yml, block by block', () => {
  it.each(Object.keys(ours.paths))('path %s', (path) => {
    expect(ours.paths[path]).toEqual(authentik.paths[path]);
  });

  it.each(Object.keys(ours.components.schemas))('component %s', (name) => {
    expect(ours.components.schemas[name]).toEqual(authentik.components.schemas[name]);
  });

  it('has authentik\'s servers, security scheme, title and version', () => {
    const { title, version, description } = authentik.info as typeof authentik.info & { description: string };
    expect([ours.openapi, ours.info, ours.servers, ours.components.securitySchemes]).toEqual([authentik.openapi, { title, version, description }, authentik.servers, authentik.components.securitySchemes]);
  });

  it('serves every operation under /events/events/ and /events/system_tasks/ but the excluded ones', () => {
    const events = Object.keys(authentik.paths).filter((path) => path.startsWith('/events/events/') || path.startsWith('/events/system_tasks/'));
    expect(Object.keys(ours.paths).sort()).toEqual(events.sort());
  });
});

// spec/authentik-2025.8.yaml is the same kind of selection from authentik 2025.8.1's schema.yml
// (reference/authentik-2025.8.1/schema.yml): every /events/events/… and /tasks/… path, and their components.
const ours2025 = loadSpec(findSpecPath(profileFor('2025.8')));
const authentik2025 = loadSpec(findShippedSchemaPath(profileFor('2025.8')));

describe('spec/authentik-2025.8.yaml equals authentik 2025.8.1\'s schema.yml, block by block', () => {
  it.each(Object.keys(ours2025.paths))('path %s', (path) => {
    expect(ours2025.paths[path]).toEqual(authentik2025.paths[path]);
  });

  it.each(Object.keys(ours2025.components.schemas))('component %s', (name) => {
    expect(ours2025.components.schemas[name]).toEqual(authentik2025.components.schemas[name]);
  });

  it('has authentik\'s servers, security scheme and info', () => {
    expect([ours2025.openapi, ours2025.info, ours2025.servers, ours2025.components.securitySchemes]).toEqual([authentik2025.openapi, authentik2025.info, authentik2025.servers, authentik2025.components.securitySchemes]);
  });

  it('serves every operation under /events/events/ and /tasks/, and no other', () => {
    const served = Object.keys(authentik2025.paths).filter((path) => path.startsWith('/events/events/') || path.startsWith('/tasks/'));
    expect(Object.keys(ours2025.paths).sort()).toEqual(served.sort());
    expect(served).toContain('/tasks/workers');
    expect(Object.keys(authentik2025.paths)).not.toContain('/events/system_tasks/');
    expect(Object.keys(authentik2025.paths)).not.toContain('/events/events/per_month/');
  });

  it('holds every component its paths reference, and no other', () => {
    const referenced = new Set<string>();
    const visit = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      const ref = (node as { $ref?: unknown }).$ref;
      if (typeof ref === 'string' && !referenced.has(ref)) {
        referenced.add(ref);
        visit(ours2025.components.schemas[ref.replace('#/components/schemas/', '')]);
      }
      Object.values(node).forEach(visit);
    };
    visit(ours2025.paths);
    expect(Object.keys(ours2025.components.schemas).sort()).toEqual([...referenced].map((ref) => ref.replace('#/components/schemas/', '')).sort());
  });
});
