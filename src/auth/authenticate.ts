import { pyStrip } from '../python/py-strip';
import { detailError } from '../drf/api-error';
import { AuthentikCrash } from '../drf/authentik-crash';

/** authentik's permissions the mock knows (app label `authentik_events` in 2024.8); `run_task` is a global one. */
export const PERMISSIONS = [
  'view_systemtask', 'run_task', 'view_event', 'add_event', 'change_event', 'delete_event',
  // authentik 2025.8: authentik_tasks, authentik_tasks_schedules, and the global authentik_rbac.view_system_info.
  'view_task', 'retry_task', 'view_schedule', 'change_schedule', 'send_schedule', 'view_system_info',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Who is calling: the bearer token, and what it may do. */
export interface Principal {
  token: string;
  superuser: boolean;
  permissions: ReadonlySet<Permission>;
}

/** Which tokens the mock accepts: any non-empty bearer token as a superuser (the default), or exactly a list. */
export type TokenPolicy = { mode: 'any' } | { mode: 'list'; tokens: ReadonlyMap<string, Principal> };

/** The token policy in force; a scenario load may replace it while the server runs. */
export interface Access {
  policy: TokenPolicy;
}

export function superuser(token: string): Principal {
  return { token, superuser: true, permissions: new Set() };
}

/**
 * authentik's bearer authentication. The header is stripped first; a value without a space (`Bearer`,
 * `Basic`) counts as no credentials (undefined); another scheme is `Unsupported authentication type`;
 * an unknown token is `Token invalid/expired`. authentik answers 403, never 401, and sends no
 * WWW-Authenticate header. A header with non-ASCII bytes is authentik's crash.
 */
export function authenticate(header: string | undefined, policy: TokenPolicy): Principal | undefined {
  // Measured: header bytes ≥ 0x80 (`Bearer été`) fail inside authentik's token authentication, on any
  // method. Node reads header bytes as latin-1, so each such byte is one character U+0080–U+00FF.
  if (header !== undefined && /[\u0080-\uffff]/.test(header)) throw new AuthentikCrash('the Authorization header holds bytes ≥ 0x80');
  const credentials = pyStrip(header ?? '');
  if (credentials === '' || !credentials.includes(' ')) return undefined;
  const space = credentials.indexOf(' ');
  const scheme = credentials.slice(0, space);
  const token = credentials.slice(space + 1);
  if (scheme.toLowerCase() !== 'bearer') throw detailError(403, 'Unsupported authentication type');
  if (policy.mode === 'any') return superuser(token);
  const principal = policy.tokens.get(token);
  if (!principal) throw detailError(403, 'Token invalid/expired');
  return principal;
}

export function can(principal: Principal, permission: Permission): boolean {
  return principal.superuser || principal.permissions.has(permission);
}
