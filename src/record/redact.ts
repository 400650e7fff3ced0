/**
 * `record --redact`: personal data in the recorded events' `user` and `context`, and their `client_ip`,
 * replaced by pseudonyms. The same original always gets the same pseudonym in one recording, so filters,
 * search and `top_per_user/` still group alike. Covered: the values of the keys `username`, `email`, `name`,
 * `first_name`, `last_name` and `display_name` at any depth, any string that is an e-mail address or an IP
 * address, and `client_ip`. Not covered: personal data in other free text (a message, a path, a user agent).
 */
const PERSONAL_KEYS = new Set(['username', 'email', 'name', 'first_name', 'last_name', 'display_name']);
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV6 = /^[0-9a-f:]*:[0-9a-f:.]*$/i;

export interface Redactor {
  /** An event's JSON field (`user`, `context`), with its personal values replaced. */
  json(value: unknown): unknown;
  /** A `client_ip` value. */
  address(value: string | null): string | null;
}

export function createRedactor(): Redactor {
  const seen = new Map<string, string>();
  const pseudonym = (kind: string, original: string, make: (n: number) => string) => {
    const key = `${kind}\u0000${original}`;
    let out = seen.get(key);
    if (out === undefined) {
      out = make([...seen.keys()].filter((k) => k.startsWith(`${kind}\u0000`)).length + 1);
      seen.set(key, out);
    }
    return out;
  };
  const address = (value: string) =>
    value.includes(':')
      ? pseudonym('ipv6', value.toLowerCase(), (n) => `2001:db8::${n.toString(16)}`)
      : pseudonym('ipv4', value, (n) => `192.0.2.${n % 254 || 254}`);
  const text = (key: string | undefined, value: string): string => {
    if (EMAIL.test(value)) return pseudonym('email', value.toLowerCase(), (n) => `person-${n}@example.invalid`);
    if (IPV4.test(value) || (IPV6.test(value) && value.includes('::'))) return address(value);
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
  return { json: (value) => walk(value), address: (value) => (value === null ? null : address(value)) };
}
