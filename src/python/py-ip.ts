/**
 * Django's IP address checks as DRF's IPAddressField runs them for authentik's `client_ip`
 * (GenericIPAddressField, protocol "both"): Python's `ipaddress` rules, IPv6 compressed as Python prints
 * it, and IPv4-mapped IPv6 unpacked (`::ffff:1.2.3.4` → `1.2.3.4`). Returns undefined when invalid.
 */
export function normaliseIpAddress(text: string): string | undefined {
  return text.includes(':') ? normaliseIpv6(text) : isIpv4(text) ? text : undefined;
}

/** Python's `ipaddress.IPv4Address`: four decimal octets 0–255, no leading zeros. */
export function isIpv4(text: string): boolean {
  const octets = text.split('.');
  return octets.length === 4 && octets.every((o) => /^(?:0|[1-9]\d{0,2})$/.test(o) && Number(o) <= 255);
}

/**
 * Python's `ipaddress.IPv6Address(text)` as Django's `clean_ipv6_address` uses it: the eight 16-bit groups,
 * or undefined where Python raises. A scope id (`fe80::1%eth0`) is accepted and dropped, as Django drops it
 * when it rebuilds the address from its int.
 */
export function parseIpv6Address(text: string): number[] | undefined {
  const percent = text.indexOf('%');
  if (percent !== -1 && (percent === text.length - 1 || text.includes('/', percent))) return undefined;
  return parseIpv6(percent === -1 ? text : text.slice(0, percent));
}

function normaliseIpv6(text: string): string | undefined {
  const hextets = parseIpv6Address(text);
  if (!hextets) return undefined;
  const mapped = hextets.slice(0, 5).every((h) => h === 0) && hextets[5] === 0xffff;
  if (mapped) return `${hextets[6]! >> 8}.${hextets[6]! & 255}.${hextets[7]! >> 8}.${hextets[7]! & 255}`;
  return compress(hextets);
}

function parseIpv6(address: string): number[] | undefined {
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const groups = part.split(':');
    const out: number[] = [];
    for (const [index, group] of groups.entries()) {
      if (index === groups.length - 1 && group.includes('.')) {
        if (!isIpv4(group)) return undefined;
        const [a, b, c, d] = group.split('.').map(Number) as [number, number, number, number];
        out.push((a << 8) | b, (c << 8) | d);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(group)) {
        out.push(parseInt(group, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = parseGroups(halves[0]!);
  const tail = halves.length === 2 ? parseGroups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  // `::` must stand for at least one zero group.
  if (head.length + tail.length > 7) return undefined;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/**
 * The first longest run of two or more zero groups, which both Python's `str()` and Postgres's `inet` print
 * as `::`; undefined when there is none.
 */
export function longestZeroRun(hextets: readonly number[]): { start: number; length: number } | undefined {
  let best: { start: number; length: number } | undefined;
  for (let i = 0; i < 8; ) {
    if (hextets[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && hextets[j] === 0) j++;
    if (j - i >= 2 && j - i > (best?.length ?? 0)) best = { start: i, length: j - i };
    i = j;
  }
  return best;
}

/** Python's IPv6Address str(): lowercase, the first longest run of two or more zero groups as `::`. */
function compress(hextets: number[]): string {
  const hex = hextets.map((h) => h.toString(16));
  const run = longestZeroRun(hextets);
  if (!run) return hex.join(':');
  return `${hex.slice(0, run.start).join(':')}::${hex.slice(run.start + run.length).join(':')}`;
}
