import { createContract, type Contract } from '../openapi/contract';
import { asServed, mergeAdminSpec, SpecError, type OpenApiDocument } from '../openapi/spec-document';
import { SHIPPED_FULL_SPEC } from '../config/config';
import { profileFor } from '../versions/profiles';
import type { VersionProfile } from '../versions/version-profile';
import { findAdminSpecPath, findShippedSchemaPath, loadSpec } from './spec-files';

/** A whole authentik schema (`--full-spec`): what the server routes and validates against when given. */
export interface FullSpec {
  path: string;
  /** The schema as read, for Prism. */
  spec: OpenApiDocument;
  /** The schema with the admin API merged in, compiled lazily: 875 operations, most never called. */
  contract: Contract;
}

/** Reads a full schema; a file that is not one stops start-up with one line naming the file and the rule. */
export function loadFullSpec(given: string, version: VersionProfile = profileFor()): FullSpec {
  const path = given === SHIPPED_FULL_SPEC ? findShippedSchemaPath(version) : given;
  const spec = loadSpec(path);
  // Undocumented statuses (404, 405, 415…) are checked against GenericError, as with our own spec.
  for (const name of ['GenericError', 'ValidationError']) {
    if (!spec.components.schemas[name]) throw new SpecError(`${path}: #/components/schemas/${name}: missing; an authentik schema defines it`);
  }
  // Validated as the version's server answers (its own schema breaks, decision 026); Prism reads the schema as written.
  return { path, spec, contract: createContract(mergeAdminSpec(asServed(spec, version.omittedFields), loadSpec(findAdminSpecPath())), { lazy: true }) };
}
