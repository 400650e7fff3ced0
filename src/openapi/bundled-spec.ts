import { AUTHENTIK_EVENTS_SPEC, MOCK_ADMIN_SPEC } from './generated/bundled-data';
import { mergeAdminSpec, type OpenApiDocument } from './spec-document';

/**
 * spec/authentik-events.yaml with the admin API merged in, from the copy compiled into the package: the one
 * document the bundled hosts serve, and the one the browser's standalone validators are generated from.
 */
export function createBundledSpec(): OpenApiDocument {
  return mergeAdminSpec(AUTHENTIK_EVENTS_SPEC, MOCK_ADMIN_SPEC);
}
