// ESM entry: the CommonJS build, given msw's ESM `http`. Re-exporting src/msw.js as the other entries do would
// load msw's CommonJS build beside the ESM one an ESM caller's setupServer/setupWorker comes from.
import { http } from 'msw';
import { createHandlersWith } from '../dist/src/hosts/msw-handlers.js';

export { MockAdminError } from '../dist/src/core/admin-client.js';

/** The mock's msw handlers and its controller: `const { handlers, mock } = createHandlers({ scenario: 'empty' })`. */
export function createHandlers(options = {}) {
  return createHandlersWith({ http }, options);
}
