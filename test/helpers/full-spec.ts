import { join } from 'node:path';
import { createPrismFallback, type FallbackMode } from '../../src/fallback/prism-fallback';
import { loadFullSpec, type FullSpec } from '../../src/openapi/full-spec';
import type { AppDeps } from '../../src/app';

/** authentik's whole 2024.8.6 schema, beside the checkout (../shared/reference). */
export const FULL_SCHEMA = join(__dirname, '..', '..', '..', 'shared', 'reference', 'authentik-2024.8.6-schema.yml');

let loaded: FullSpec | undefined;

/** The full schema, read once per test file: parsing it takes a fraction of a second. */
export function fullSchema(): FullSpec {
  loaded ??= loadFullSpec(FULL_SCHEMA);
  return loaded;
}

/** What createMock takes to serve the full schema, with Prism in the given mode. */
export function fullSpecDeps(mode: FallbackMode = 'static', spec: FullSpec = fullSchema(), seed = 1): NonNullable<AppDeps['fullSpec']> {
  return { contract: spec.contract, fallback: createPrismFallback(spec.spec, { mode, seed, log: () => undefined }) };
}
