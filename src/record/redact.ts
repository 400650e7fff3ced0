import { isIpv4, parseIpv6Address } from '../python/py-ip';

/**
 * `record --redact`: personal data in the recorded events' `user` and `context`, and their `client_ip`,
 * replaced by pseudonyms. The same original always gets the same pseudonym in one recording, so filters,
 * search and `top_per_user/` still group alike. Covered: the values of the keys `username`, `email`, `name`,
 * `first_name`, `last_name` and `display_name` at any depth, any string that is an e-mail address or an IP
 * address (or CIDR network), and `client_ip`. Not covered: personal data in other free text (a
 * message, a path, a user agent) and other keys, such as `context.geo`'s city and coordinates.
 */
const PERSONAL_KEYS = new Set(['username', 'email', 'name', 'first_name', 'last_name', 'display_name']);
const EMAIL = /^[^\s@]+@[^\s@]+$/;
// 198.18.0.0/15 (benchmarking, RFC 2544): 131,070 distinct pseudonyms before any repeats.
const IPV4_BASE = (198 << 24) + (18 << 16);

export interface Redactor {
  /** An event's JSON field (`user`, `context`), with its personal values replaced. */
  json(value: unknown): unknown;
  /** A `client_ip` value. */
  address(value: string | null): string | null;
}

export function createRedactor(): Redactor {
  const seen = new Map<string, string>();
  const counts = new Map<string, number>();
  const pseudonym = (kind: string, original: string, make: (n: number) => string) => {
    const key = `${kind}\u0000${original}`;
    let out = seen.get(key);
    if (out === undefined) {
      const n = (counts.get(kind) ?? 0) + 1;
      counts.set(kind, n);
      out = make(n);
      seen.set(key, out);
    }
    return out;
  };
  const ipv4 = (n: number) => [24, 16, 8, 0].map((shift) => ((IPV4_BASE + n) >>> shift) & 255).join('.');
  const host = (value: string) =>
    value.includes(':') ? pseudonym('ipv6', value.toLowerCase(), (n) => `2001:db8::${n.toString(16)}`) : pseudonym('ipv4', value, ipv4);
  // An address, or a network in CIDR form (`10.20.0.0/16`, as authentik's ASN context holds it).
  const address = (value: string): string | undefined => {
    const [head = '', prefix, ...extra] = value.split('/');
    if (extra.length > 0 || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) return undefined;
    if (!isIpv4(head) && !parseIpv6Address(head)) return undefined;
    return prefix === undefined ? host(head) : `${host(head)}/${prefix}`;
  };
  const text = (key: string | undefined, value: string): string => {
    if (EMAIL.test(value)) return pseudonym('email', value.toLowerCase(), (n) => `person-${n}@example.invalid`);
    const redacted = address(value);
    if (redacted !== undefined) return redacted;
    if (key !== undefined && PERSONAL_KEYS.has(key)) return pseudonym(key, value, (n) => `${key.replace('_', '-')}-${n}`);
    return value;
  };
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') return text(key, value);
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => walk(item, key));
    if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  return { json: (value) => walk(value), address: (value) => (value === null ? null : (address(value) ?? host(value))) };
}
