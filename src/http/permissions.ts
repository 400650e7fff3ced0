import type { Permission } from './authenticate';

/** The model permission authentik's views require for each operation. */
export const REQUIRED_PERMISSION: Readonly<Record<string, Permission>> = {
  events_events_list: 'view_event',
  events_events_retrieve: 'view_event',
  events_events_create: 'add_event',
  events_events_update: 'change_event',
  events_events_partial_update: 'change_event',
  events_events_destroy: 'delete_event',
  // The events list actions (measured): `actions/` needs only authentication, the chart data the view permission.
  events_events_volume_list: 'view_event',
  events_events_per_month_list: 'view_event',
  events_events_top_per_user_list: 'view_event',
  events_system_tasks_list: 'view_systemtask',
  events_system_tasks_retrieve: 'view_systemtask',
};

/**
 * Operations whose view sets `permission_classes=[]` and checks a global permission in authentik's
 * `permission_required` decorator instead. That check runs before the lookup, and without credentials it
 * answers `Authentication credentials were not provided.` even on a detail URL (DRF's `permission_denied`).
 */
export const DECORATOR_PERMISSION: Readonly<Record<string, Permission>> = {
  events_system_tasks_run_create: 'run_task',
};
