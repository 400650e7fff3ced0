import type { Reply } from '../core/respond';

/**
 * The mock's answer when the upstream gives none it can pass on, as a reverse proxy answers: 502 Bad
 * Gateway (unreachable, not JSON) or 504 Gateway Timeout. The body is JSON in authentik's GenericError
 * shape, because the client is an authentik API client that reads `detail`; `code` tells the two apart.
 */
export function gatewayReply(status: 502 | 504, reason: string, operationId: string | undefined): Reply {
  const title = status === 504 ? 'Gateway timeout' : 'Bad gateway';
  return { operationId, status, body: { detail: `${title}: the upstream authentik ${reason}.`, code: status === 504 ? 'gateway_timeout' : 'bad_gateway' } };
}
