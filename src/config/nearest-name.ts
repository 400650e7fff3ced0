/**
 * The known name a mistyped one most likely meant, for "did you mean" hints: the closest by edit distance
 * (a swap of two neighbours counts as one edit, as in `--prot`), if it is close enough to be a typo, else a
 * known name the given one starts (`--valid` → `validate-responses`). undefined when nothing is near.
 */
export function nearestName(given: string, known: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(given.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(given, name);
    if (distance <= limit && (!best || distance < best.distance)) best = { name, distance };
  }
  if (best) return best.name;
  const extending = given.length >= 3 ? known.filter((name) => name.startsWith(given)) : [];
  return extending.length === 1 ? extending[0] : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/** ` (did you mean --port?)` or ` (try --help)`: the end of an "unknown argument" line. */
export function flagHint(given: string, knownFlags: readonly string[]): string {
  const near = nearestName(given.replace(/^-+/, ''), knownFlags.map((flag) => flag.replace(/^-+/, '')));
  return near === undefined ? ' (try --help)' : ` (did you mean --${near}?)`;
}
