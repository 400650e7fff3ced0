import { Faker } from '@faker-js/faker';
import type { SystemTaskStatusEnum } from '../openapi/generated/schemas';
import type { Micros } from '../python/py-datetime';
import { createStore, type Store } from '../store/store';
import { SEED_LOCALE } from './generated/seed-locale';
import { createEvent, createPeople } from './event-factory';
import { createNeverRunTask, createRunTask, taskIdentities } from './system-task-factory';

export interface SeedOptions {
  seed: number;
  tasks: number;
  events: number;
}

/**
 * The moment seed data is generated around. Fixed, not "now", so that the same seed gives byte-identical
 * responses after a restart.
 */
export const SEED_REFERENCE_TIME: Micros = Date.UTC(2024, 9, 1, 12, 0, 0) * 1000;

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

/** A store filled with realistic tasks and events; pure given the options. */
export function seedStore(options: SeedOptions, brand = createFallbackBrand(options.seed)): Store {
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
        ? createNeverRunTask(taskFaker, kind, uid, SEED_REFERENCE_TIME - 86_400_000_000)
        : createRunTask(taskFaker, kind, uid, status, SEED_REFERENCE_TIME);
    store.systemTasks.set(task.uuid, task);
  }
  const eventFaker = new Faker({ locale: SEED_LOCALE, seed: options.seed + 1 });
  const people = createPeople(eventFaker, 12);
  for (let i = 0; i < options.events; i++) {
    const event = createEvent(eventFaker, people, brand, SEED_REFERENCE_TIME);
    store.events.set(event.pk, event);
  }
  return store;
}
