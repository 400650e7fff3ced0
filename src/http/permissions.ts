import type { Permission } from './authenticate';

/** The model permission authentik's views require for each operation. */
export const REQUIRED_PERMISSION: Readonly<Record<string, Permission>> = {
  events_events_list: 'view_event',
  events_events_retrieve: 'view_event',
  events_events_create: 'add_event',
  events_events_update: 'change_event',
  events_events_partial_update: 'change_event',
  events_events_destroy: 'delete_event',
  events_system_tasks_list: 'view_systemtask',
  events_system_tasks_retrieve: 'view_systemtask',
};
