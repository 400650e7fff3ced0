import { DRF_3_16 } from '../drf/drf-rules';
import { createEventOperations, EVENTS_2025_8 } from '../events/event-operations';
import { seedDramatiqStore } from '../seed/dramatiq-seed';
import { createDramatiqOperations } from '../tasks/dramatiq-operations';
import { SCHEDULE_TABLE, TASK_TABLE, WORKER_TABLE } from '../tasks/dramatiq-tables';
import { EVENT_TABLE } from '../events/event-table';
import { BEHAVIOUR_NOTES_2025_8 } from './behaviour-notes-2025.8';
import type { VersionProfile } from './version-profile';

/** authentik 2025.8 (read from 2025.8.1): Dramatiq tasks and schedules, and the events API's changes. */
export const AUTHENTIK_2025_8: VersionProfile = {
  name: '2025.8',
  release: '2025.8.1',
  specFile: 'authentik-2025.8.yaml',
  // DRF's ReadOnlyField over a missing relation skips the key (rest_framework/fields.py:431-456): a task or a
  // schedule without a related object has no rel_obj_app_label or rel_obj_model (decision 025).
  omittedFields: [
    { schema: 'Task', fields: ['rel_obj_app_label', 'rel_obj_model'], why: 'authentik 2025.8.1 leaves both out of a task without a related object (DRF ReadOnlyField over a None relation raises SkipField)' },
    { schema: 'Schedule', fields: ['rel_obj_app_label', 'rel_obj_model'], why: 'authentik 2025.8.1 leaves both out of a schedule without a related object, as every app-level schedule is' },
  ],
  fullSchemaFile: 'authentik-2025.8.1/schema.yml',
  drf: DRF_3_16,
  createOperations: (deps) => ({ ...createEventOperations(deps, EVENTS_2025_8), ...createDramatiqOperations(deps) }),
  tables: [EVENT_TABLE, TASK_TABLE, SCHEDULE_TABLE, WORKER_TABLE],
  seed: (options, brand) => seedDramatiqStore(options, brand),
  fixturesFolder: '2025.8',
  changesFromPrevious: BEHAVIOUR_NOTES_2025_8,
  baseline: 'authentik-2025.8.json',
};
