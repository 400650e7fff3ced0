/**
 * What changed from authentik 2024.8 to 2025.8 that neither spec can show: the upgrade check reads these
 * beside the two specs and the profiles' DRF rules. Each line cites the authentik source it was read from
 * (tag version/2025.8.1 unless marked `2024.8.6:`). Data only, keyed by operationId and parameter or field,
 * so that a new fact is a new line, not new code.
 */
export interface BehaviourNotes {
  /** Query parameters whose meaning changed while their schema stayed the same. */
  parameterMeaning: ReadonlyArray<{ operationIds: readonly string[]; parameter: string; change: string; source: string }>;
  /** The message the server gives when a request body field fails the new schema. */
  fieldMessages: ReadonlyArray<{ schema: string; fields: readonly string[]; message: string; source: string }>;
  /** For a removed operation, what to use instead. */
  replacements: ReadonlyArray<{ operationId: string; use: string; source: string }>;
  /**
   * The 404 body for a path id that is not well-formed (the id fails the parameter's format): DRF turns the
   * ValidationError into a bare Http404, in both versions.
   */
  malformedIdMessage: { message: string; source: string };
}

export const BEHAVIOUR_NOTES_2025_8: BehaviourNotes = {
  parameterMeaning: [
    {
      operationIds: ['events_events_list', 'events_events_retrieve', 'events_events_update', 'events_events_partial_update', 'events_events_destroy', 'events_events_volume_list'],
      parameter: 'username',
      change: 'now matches user.username or context.username (2024.8: user.username only), so more events may match',
      source: 'authentik/events/api/events.py:99-100; 2024.8.6:authentik/events/api/events.py:56',
    },
  ],
  fieldMessages: [
    {
      schema: 'EventRequest',
      fields: ['user', 'context', 'brand'],
      message: 'Value must be a dictionary, and not have any duplicate keys.',
      source: 'authentik/core/api/utils.py:27-53',
    },
    {
      schema: 'PatchedEventRequest',
      fields: ['user', 'context', 'brand'],
      message: 'Value must be a dictionary, and not have any duplicate keys.',
      source: 'authentik/core/api/utils.py:27-53',
    },
  ],
  replacements: [
    { operationId: 'events_system_tasks_list', use: 'tasks_tasks_list (GET /tasks/tasks/)', source: 'authentik/events/urls.py:9-15; authentik/tasks/urls.py:7' },
    { operationId: 'events_system_tasks_retrieve', use: 'tasks_tasks_retrieve (GET /tasks/tasks/{message_id}/)', source: 'authentik/events/urls.py:9-15; authentik/tasks/urls.py:7' },
    { operationId: 'events_system_tasks_run_create', use: 'tasks_tasks_retry_create (POST /tasks/tasks/{message_id}/retry/) or tasks_schedules_send_create (POST /tasks/schedules/{id}/send/)', source: 'authentik/tasks/api/tasks.py:121-138; authentik/tasks/schedules/api.py:119-133' },
    { operationId: 'events_events_per_month_list', use: 'events_events_volume_list (GET /events/events/volume/)', source: 'authentik/events/api/events.py:189-221' },
  ],
  malformedIdMessage: { message: 'Not found.', source: 'rest_framework/generics.py:13-21' },
};
