import { loadSpec } from '../src/node/spec-files';
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
