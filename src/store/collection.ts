/**
 * An in-memory table keyed by a canonical id, iterating in insertion order (replacing a row keeps its
 * place). `get` returns undefined on a miss; what a miss means (a 404) is for the resource layer to say.
 * Rows are immutable: a change is a new row object given to `set`. Code above the store relies on this to
 * memoise per-row work (JSON form, search text, validation) by object identity.
 */
// Versions are unique across all collections, so a collection swapped in by a scenario load never
// repeats a version that a cache has seen for the one it replaced.
let lastVersion = 0;

export class Collection<T> {
  private readonly rows = new Map<string, T>();
  private snapshot: T[] | undefined;
  private changes = ++lastVersion;

  /** A number that changes with every write, so that derived results (sorted lists) know when they are stale. */
  get version(): number {
    return this.changes;
  }

  get size(): number {
    return this.rows.size;
  }

  get(id: string): T | undefined {
    return this.rows.get(id);
  }

  /** All rows in insertion order; the array is shared until the next write, so callers must not mutate it. */
  all(): readonly T[] {
    this.snapshot ??= [...this.rows.values()];
    return this.snapshot;
  }

  set(id: string, row: T): void {
    this.rows.set(id, row);
    this.snapshot = undefined;
    this.changes = ++lastVersion;
  }

  delete(id: string): boolean {
    this.snapshot = undefined;
    this.changes = ++lastVersion;
    return this.rows.delete(id);
  }

  /** A copy that later writes to either do not reach (rows are immutable, so copying the map is enough). */
  copy(): Collection<T> {
    const to = new Collection<T>();
    for (const [id, row] of this.rows) to.rows.set(id, row);
    return to;
  }

  clear(): void {
    this.rows.clear();
    this.snapshot = undefined;
    this.changes = ++lastVersion;
  }
}
