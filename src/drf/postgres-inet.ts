import { isIpv4, longestZeroRun, parseIpv6Address } from '../python/py-ip';

/**
 * An address as Postgres's `inet` prints it, which is what authentik's answers, search and filters see
 * (measured): IPv4 as it is; IPv6 in lowercase hex without leading zeros, the first longest run of two or
 * more zero groups as `::`, and an IPv4-compatible (`::1.2.3.4`) or IPv4-mapped (`::ffff:1.2.3.4`) address
 * with its last 32 bits in dotted decimal. Undefined for text that is not an address.
 */
export function toPostgresInet(address: string): string | undefined {
  if (!address.includes(':')) return isIpv4(address) ? address : undefined;
  const words = parseIpv6Address(address);
  return words && formatIpv6(words);
}

function formatIpv6(words: number[]): string {
  const run = longestZeroRun(words);
  const best = run ? { base: run.start, length: run.length } : { base: -1, length: 0 };
  const dotted = best.base === 0 && (best.length === 6 || (best.length === 5 && words[5] === 0xffff));
  const groups = words.slice(0, dotted ? 6 : 8).map((word) => word.toString(16));
  if (dotted) groups.push(`${words[6]! >> 8}.${words[6]! & 255}.${words[7]! >> 8}.${words[7]! & 255}`);
  if (best.base === -1) return groups.join(':');
  const head = groups.slice(0, best.base).join(':');
  const tail = groups.slice(best.base + best.length).join(':');
  return `${head}::${tail}`;
}

/**
 * A sort key that orders addresses as Postgres orders `inet`: the family first (every IPv4 address before
 * every IPv6 one), then the address bits, then the prefix length (always the full length for the host
 * addresses authentik stores). Plain text comparison of the key gives that order. Undefined for text that
 * is not an address.
 */
export function inetSortKey(address: string): string | undefined {
  if (!address.includes(':')) {
    if (!isIpv4(address)) return undefined;
    return `4:${address.split('.').map((part) => Number(part).toString(16).padStart(2, '0')).join('')}`;
  }
  const words = parseIpv6Address(address);
  return words && `6:${words.map((word) => word.toString(16).padStart(4, '0')).join('')}`;
}
