import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'js-yaml';
import { createContract, type Contract } from '../openapi/contract';
import { asServed, mergeAdminSpec, SpecError, type OpenApiDocument } from '../openapi/spec-document';
import { profileFor } from '../versions/profiles';
import type { VersionProfile } from '../versions/version-profile';

/** The spec/ folder, whether this runs from `src/` (jest) or from `dist/src/` (npm start). */
export const SPEC_DIR = [join(__dirname, '..', '..', 'spec'), join(__dirname, '..', '..', '..', 'spec')].find((dir) => existsSync(dir)) ?? join(__dirname, '..', '..', 'spec');

/** The version's part of authentik's schema: spec/authentik-events.yaml for 2024.8, spec/authentik-2025.8.yaml for 2025.8. */
export function findSpecPath(version: VersionProfile = profileFor()): string {
  return join(SPEC_DIR, version.specFile);
}

/** The release's whole schema.yml, which the package ships for `--full-spec` with no path. */
export function findShippedSchemaPath(version: VersionProfile = profileFor()): string {
  return join(SPEC_DIR, '..', 'reference', ...version.fullSchemaFile.split('/'));
}

/** spec/mock-admin.yaml: the mock's own admin API. */
export function findAdminSpecPath(): string {
  return join(SPEC_DIR, 'mock-admin.yaml');
}

/** Reads and parses an OpenAPI document; throws SpecError naming the file when it is unreadable. */
export function loadSpec(path = findSpecPath()): OpenApiDocument {
  let document: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    // JSON is YAML too, but JSON.parse reads it several times faster. The core schema reads YAML 1.2's
    // types only (no dates), as drf-spectacular writes them.
    document = path.endsWith('.json') ? JSON.parse(text) : YAML.load(text, { schema: YAML.CORE_SCHEMA });
  } catch (error) {
    throw new SpecError(`${path}: cannot read the OpenAPI document: ${(error as Error).message}`);
  }
  const doc = document as Partial<OpenApiDocument> | null;
  if (!doc || typeof doc !== 'object' || !doc.paths || !doc.components?.schemas) {
    throw new SpecError(`${path}: not an OpenAPI 3 document (paths and components.schemas are required)`);
  }
  return doc as OpenApiDocument;
}

/** The contract of the version's spec with spec/mock-admin.yaml merged in: what the server checks against. */
export function loadContract(version: VersionProfile = profileFor()): Contract {
  return createContract(mergeAdminSpec(asServed(loadSpec(findSpecPath(version)), version.omittedFields), loadSpec(findAdminSpecPath()), findAdminSpecPath()));
}
