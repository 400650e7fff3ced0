import type { Faker as FakerInstance } from '@faker-js/faker';
import type { SystemTaskStatusEnum } from '../openapi/generated/schemas';
import type { Micros } from '../python/py-datetime';
import { createStore, type Store } from '../store/store';
import { SEED_LOCALE } from './generated/seed-locale';
import { createEvent, createPeople } from './event-factory';
import { createNeverRunTask, createRunTask, taskIdentities } from './system-task-factory';

// Faker's class, reached through its smallest locale module: `@faker-js/faker` itself is CommonJS for a
// CommonJS caller, and requiring it loads every locale (940 KB gzipped in a browser bundle, which no
// bundler can shake out of CommonJS); `locale/base` loads Faker and the base data only (38 KB). The seed
// passes its own locale (SEED_LOCALE), so nothing of base's data is read. A require, because TypeScript's
// node10 resolution does not read package.json `exports` subpaths; the type is faker's own. `require` is
// declared here because this module is also type-checked as browser code (no Node types); bundlers and
// Node both provide it.
declare const require: (id: string) => unknown;
const { faker: baseFaker } = require('@faker-js/faker/locale/base') as { faker: FakerInstance };
const Faker = baseFaker.constructor as new (options: { locale: typeof SEED_LOCALE; seed?: number }) => FakerInstance;

/** A Faker over the seed's locale, its sequence fixed by `seed`. */
export function createSeedFaker(seed: number): FakerInstance {
  return new Faker({ locale: SEED_LOCALE, seed });
}

export interface SeedOptions {
  seed: number;
  tasks: number;
  events: number;
  /** The moment seed data is generated before; by default the start of the current UTC day. */
  reference?: Micros;
}

/**
 * The start of the UTC day `now` falls in: what seed data is generated before (decision 014). Recent
 * enough for the dashboard's charts (the last 7 days, 4 weeks) to show it, and the same all day, so that
 * the same seed gives byte-identical answers after a restart on the same day.
 */
export function seedReferenceTime(now: Micros = Date.now() * 1000): Micros {
  return Math.floor(now / 86_400_000_000) * 86_400_000_000;
}

/** authentik's fallback brand as a model dict, with a pk fixed by the seed. */
export function createFallbackBrand(seed: number): Record<string, unknown> {
  const faker = new Faker({ locale: SEED_LOCALE, seed });
  return { app: 'authentik_brands', model_name: 'brand', pk: faker.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' }), name: 'Brand fallback' };
}

// Real deployments: most tasks succeeded, some warn or fail, a few never ran.
const STATUS_WEIGHTS: Array<{ value: SystemTaskStatusEnum; weight: number }> = [
  { value: 'successful', weight: 70 },
  { value: 'warning', weight: 12 },
  { value: 'error', weight: 10 },
  { value: 'unknown', weight: 8 },
];

/** A store filled with realistic tasks and events; pure given the options (and the day, without `reference`). */
export function seedStore(options: SeedOptions, brand = createFallbackBrand(options.seed)): Store {
  const reference = options.reference ?? seedReferenceTime();
  const store = createStore();
  const taskFaker = new Faker({ locale: SEED_LOCALE, seed: options.seed });
  const identities = taskIdentities();
  for (let i = 0; i < options.tasks; i++) {
    const { kind, uid: baseUid } = identities[i % identities.length]!;
    // Past the catalogue, more instances of per-object tasks keep (name, uid) unique.
    const round = Math.floor(i / identities.length);
    const uid = round === 0 ? baseUid : `${baseUid ?? 'instance'}-${round}`;
    // Every status appears at least once when there are four tasks or more.
    const status: SystemTaskStatusEnum = i < 4 ? (['successful', 'error', 'warning', 'unknown'] as const)[i]! : taskFaker.helpers.weightedArrayElement(STATUS_WEIGHTS);
    const task =
      status === 'unknown'
        ? createNeverRunTask(taskFaker, kind, uid, reference - 86_400_000_000)
        : createRunTask(taskFaker, kind, uid, status, reference);
    store.systemTasks.set(task.uuid, task);
  }
  const eventFaker = new Faker({ locale: SEED_LOCALE, seed: options.seed + 1 });
  const people = createPeople(eventFaker, 12);
  for (let i = 0; i < options.events; i++) {
    const event = createEvent(eventFaker, people, brand, reference);
    store.events.set(event.pk, event);
  }
  return store;
}
