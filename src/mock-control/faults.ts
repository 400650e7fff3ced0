import type { MockFault, MockFaults } from '../openapi/generated/schemas';

/** What to do to one request. */
export interface FaultDecision {
  delayMs: number;
  drop: boolean;
  answer?: { status: number; body: unknown };
}

/** mulberry32: a small seeded PRNG, so that failure rates repeat exactly under the same seed. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Faults per operationId plus a global latency. Decisions draw from a PRNG seeded with the mock's seed and
 * reseeded whenever the faults change, so the same faults and requests give the same failures every run.
 */
export class Faults {
  private table: MockFaults = {};
  private random: () => number;

  constructor(
    private readonly seed: number,
    private readonly globalLatency?: number | [number, number],
  ) {
    this.random = createRandom(seed);
  }

  get current(): MockFaults {
    return this.table;
  }

  replace(table: MockFaults): void {
    this.table = table;
    this.random = createRandom(this.seed);
  }

  clear(): void {
    this.replace({});
  }

  decide(operationId: string): FaultDecision {
    return this.decideFault(this.table[operationId]);
  }

  /** The decision for one fault (the table's, or a stub's), drawing from the same seeded PRNG. */
  decideFault(spec: MockFault | undefined): FaultDecision {
    const delayMs = this.delay(spec?.latency_ms ?? this.globalLatency);
    if (!spec || (spec.status === undefined && !spec.drop_connection)) return { delayMs, drop: false };
    const hit = this.random() < (spec.failure_rate ?? 1);
    if (!hit) return { delayMs, drop: false };
    if (spec.drop_connection) return { delayMs, drop: true };
    return { delayMs, drop: false, answer: { status: spec.status!, body: spec.body } };
  }

  /** The delay for an answer given before the fault stage (403, 404, 405…): the operation's latency, else the global one. */
  delayFor(operationId: string | undefined): number {
    return this.delay((operationId === undefined ? undefined : this.table[operationId]?.latency_ms) ?? this.globalLatency);
  }

  private delay(latency: number | [number, number] | undefined): number {
    if (latency === undefined) return 0;
    if (typeof latency === 'number') return latency;
    const [min, max] = latency;
    return min + Math.floor(this.random() * (max - min + 1));
  }
}
