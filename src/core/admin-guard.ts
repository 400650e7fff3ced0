import { headerValue, type CoreHeaders } from './core-types';

/** What guards the admin API and the dashboard; see docs/decisions/017-dashboard-and-admin-guard.md. */
export interface AdminGuardOptions {
  /** The `--host` the server listens on; requests naming it in `Host` are allowed. */
  listenHost?: string;
  /** `--allowed-hosts`: names allowed besides loopback ones; `.example.test` allows it and its subdomains; `all` turns the check off. */
  allowedHosts?: readonly string[];
  /** `--cors-origin`: origins whose pages may call the admin API. */
  corsOrigins?: readonly string[];
}

/** Why a request to the admin API or the dashboard is refused (a 403), or undefined when it may go on. */
export type AdminGuard = (headers: CoreHeaders) => string | undefined;

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** The name in a `Host` header or an origin's authority, lower case, without port or IPv6 brackets. */
export function hostName(authority: string): string {
  const text = authority.trim().toLowerCase();
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    return text.slice(1, end === -1 ? undefined : end);
  }
  const colon = text.indexOf(':');
  return colon === -1 || text.indexOf(':', colon + 1) !== -1 ? text : text.slice(0, colon);
}

/** `localhost`, `*.localhost` (RFC 6761 §6.3 keeps them on loopback), 127.0.0.0/8 and ::1. */
export function isLoopbackHost(name: string): boolean {
  const host = hostName(name);
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || (IPV4.test(host) && host.startsWith('127.'));
}

/**
 * The start-up warning for a server that other machines can reach and that anyone reaching it may steer:
 * printed in the banner and shown by the dashboard. Undefined when it listens on loopback or has a token.
 */
export function exposureWarning(listenHost: string | undefined, adminToken: string | undefined): string | undefined {
  if (listenHost === undefined || adminToken !== undefined || isLoopbackHost(listenHost)) return undefined;
  return `warning: listening on ${listenHost} without --admin-token: anyone who can reach this port can read the request journal and replace the state; pass --admin-token`;
}

/**
 * Refuses what a page on another site could make a browser send. DNS rebinding: a name the attacker
 * controls that resolves to this machine reaches us with that name in `Host`, so only loopback names,
 * the `--host` value, IP literals (which no rebinding can produce) and `--allowed-hosts` pass, as in
 * Vite's and webpack-dev-server's `allowedHosts`. Cross-site requests: a page elsewhere can send a POST
 * without a preflight (`POST /__mock__/reset` needs no body), so a request whose `Origin` is neither this
 * server nor a `--cors-origin` is refused before it does anything. A request without `Host` comes from
 * code in the same process (the admin methods) and passes.
 */
export function createAdminGuard(options: AdminGuardOptions): AdminGuard {
  const allowed = (options.allowedHosts ?? []).map((entry) => entry.trim().toLowerCase()).filter((entry) => entry !== '');
  const all = allowed.includes('all');
  const listen = options.listenHost === undefined ? undefined : hostName(options.listenHost);
  const isAllowedName = (name: string) =>
    isLoopbackHost(name) ||
    IPV4.test(name) ||
    name.includes(':') ||
    name === listen ||
    allowed.some((entry) => (entry.startsWith('.') ? name === entry.slice(1) || name.endsWith(entry) : name === entry));

  return (headers) => {
    const host = headerValue(headers, 'host');
    if (host !== undefined && !all && !isAllowedName(hostName(host))) {
      return `Host "${hostName(host)}" is not allowed for the admin API and the dashboard (DNS rebinding protection); start the mock with --allowed-hosts ${hostName(host)} to allow it.`;
    }
    const origin = headerValue(headers, 'origin');
    if (origin === undefined || options.corsOrigins?.includes(origin)) return undefined;
    if (host !== undefined && /^https?:\/\//.test(origin) && origin.slice(origin.indexOf('//') + 2).toLowerCase() === host.trim().toLowerCase()) return undefined;
    return `Origin ${origin} may not use the admin API (only this server's own pages may); start the mock with --cors-origin ${origin} to allow it.`;
  };
}
