import { AUTHENTIK_SPECS, MOCK_ADMIN_SPEC } from './generated/bundled-data';
import { asServed, mergeAdminSpec, type OmittedFields, type OpenApiDocument } from './spec-document';

/**
 * A version's spec (spec/authentik-events.yaml, spec/authentik-2025.8.yaml) with the admin API merged in, from
 * the copy compiled into the package: the document the bundled hosts serve, and the one the browser's
 * standalone validators are generated from; `omitted` as the version profile states it (asServed).
 */
export function createBundledSpec(specFile: string, omitted: readonly OmittedFields[]): OpenApiDocument {
  const spec = AUTHENTIK_SPECS[specFile];
  if (!spec) throw new Error(`spec/${specFile} is not bundled: run npm run generate`);
  return mergeAdminSpec(asServed(spec, omitted), MOCK_ADMIN_SPEC);
}
