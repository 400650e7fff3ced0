import { join } from 'node:path';
import { createPrismFallback, type FallbackMode, type PrismFallback } from '../../src/fallback/prism-fallback';
import { loadFullSpec, type FullSpec } from '../../src/node/full-spec';
import type { AppDeps } from '../../src/hosts/express-app';

/** authentik's whole 2024.8.6 schema, shipped in reference/authentik-2024.8.6/. */
export const FULL_SCHEMA = join(__dirname, '..', '..', 'reference', 'authentik-2024.8.6', 'schema.yml');

let loaded: FullSpec | undefined;

/** The full schema, read once per test file: parsing it takes a fraction of a second. */
export function fullSchema(): FullSpec {
  loaded ??= loadFullSpec(FULL_SCHEMA);
  return loaded;
}

const fallbacks = new Map<string, PrismFallback>();

/**
 * What createMock takes to serve the full schema, with Prism in the given mode. Prism keeps no state, so
 * apps of one test file share a fallback per mode and seed (preparing one takes about a second).
 */
export function fullSpecDeps(mode: FallbackMode = 'static', seed = 1): NonNullable<AppDeps['fullSpec']> {
  const spec = fullSchema();
  const key = `${mode} ${seed}`;
  if (!fallbacks.has(key)) fallbacks.set(key, createPrismFallback(spec.spec, { mode, seed, log: () => undefined }));
  return { contract: spec.contract, fallback: fallbacks.get(key)! };
}
