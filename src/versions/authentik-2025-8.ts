import { DRF_3_16 } from '../drf/drf-rules';
import { createEventOperations, EVENTS_2025_8 } from '../events/event-operations';
import { seedStore } from '../seed/seed-store';
import { createDramatiqOperations } from '../tasks/dramatiq-operations';
import { EVENT_TABLE } from '../events/event-table';
import type { VersionProfile } from './version-profile';

/** authentik 2025.8 (read from 2025.8.1): Dramatiq tasks and schedules, and the events API's changes. */
export const AUTHENTIK_2025_8: VersionProfile = {
  name: '2025.8',
  release: '2025.8.1',
  specFile: 'authentik-2025.8.yaml',
  fullSchemaFile: 'authentik-2025.8.1/schema.yml',
  drf: DRF_3_16,
  createOperations: (deps) => ({ ...createEventOperations(deps, EVENTS_2025_8), ...createDramatiqOperations(deps) }),
  tables: [EVENT_TABLE],
  seed: (options, brand) => seedStore({ ...options, tasks: 0 }, brand),
  fixturesFolder: '2025.8',
  baseline: 'authentik-2025.8.json',
};
