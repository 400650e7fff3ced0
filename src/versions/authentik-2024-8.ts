import { DRF_3_14 } from '../drf/drf-rules';
import { createEventOperations, EVENTS_2024_8 } from '../events/event-operations';
import { seedStore } from '../seed/seed-store';
import { createSystemTaskOperations } from '../system-tasks/system-task-operations';
import { EVENT_TABLE } from '../events/event-table';
import { SYSTEM_TASK_TABLE } from '../system-tasks/system-task-table';
import type { VersionProfile } from './version-profile';

/** authentik 2024.8 (measured on 2024.8.6): Celery system tasks and the events API this project started from. */
export const AUTHENTIK_2024_8: VersionProfile = {
  name: '2024.8',
  release: '2024.8.6',
  specFile: 'authentik-events.yaml',
  omittedFields: [],
  fullSchemaFile: 'authentik-2024.8.6/schema.yml',
  drf: DRF_3_14,
  createOperations: (deps) => ({ ...createEventOperations(deps, EVENTS_2024_8), ...createSystemTaskOperations(deps) }),
  tables: [SYSTEM_TASK_TABLE, EVENT_TABLE],
  seed: (options, brand) => seedStore(options, brand),
  fixturesFolder: '',
  baseline: 'authentik-2024.8.json',
};
