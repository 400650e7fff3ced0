/**
 * An in-memory table keyed by a canonical id, iterating in insertion order (replacing a row keeps its
 * place). `get` returns undefined on a miss; what a miss means (a 404) is for the resource layer to say.
 */
export class Collection<T> {
  private readonly rows = new Map<string, T>();
  private snapshot: T[] | undefined;

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
  }

  delete(id: string): boolean {
    this.snapshot = undefined;
    return this.rows.delete(id);
  }

  clear(): void {
    this.rows.clear();
    this.snapshot = undefined;
  }
}
