/**
 * DRF's SimpleMetadata description of authentik 2025.8's TaskSerializer and ScheduleSerializer, as an OPTIONS
 * answer's `actions` block shows them (`…/retry/` POST, a schedule's PUT, `…/send/` POST). Written from
 * authentik 2025.8.1's answers, not derived from the schema as the other serializers are
 * (drf/serializer-metadata.ts): the schema loses what DRF shows here — `help_text` (the model fields'),
 * ReadOnlyField and SerializerMethodField (`uid`, `rel_obj_*`, `description`, `last_task_status`: `field`)
 * against read-only model fields (`identifier`, `actor_name`: `string`), the model's labels (`Rel obj model`,
 * where the schema's title is the content type's `Python model class name`), and the TextChoices' labels.
 */

type FieldInfo = Record<string, unknown>;

const field = (type: string, required: boolean, readOnly: boolean, label?: string, extra: FieldInfo = {}): FieldInfo => ({
  type,
  required,
  read_only: readOnly,
  ...(label === undefined ? {} : { label }),
  ...extra,
});
const choices = (values: readonly string[], label: (value: string) => string) => values.map((value) => ({ value, display_name: label(value) }));
const capitalised = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

const LOG_LEVELS = ['critical', 'exception', 'error', 'warn', 'warning', 'info', 'debug', 'notset'] as const;

/** `messages` / `previous_messages`: a LogEventSerializer(many=True), DRF's plain `field` with the child serializer. */
const logEvents = (label: string): FieldInfo =>
  field('field', true, false, label, {
    child: field('nested object', true, false, undefined, {
      children: {
        timestamp: field('datetime', true, false, 'Timestamp'),
        log_level: field('choice', true, false, 'Log level', { choices: choices(LOG_LEVELS, (value) => value) }),
        logger: field('string', true, false, 'Logger'),
        event: field('string', true, false, 'Event'),
        attributes: field('nested object', true, false, 'Attributes', { child: field('field', true, false) }),
      },
    }),
  });

/** TaskSerializer, every field writable to DRF's metadata but the read-only ones (the view never writes). */
export const TASK_SERIALIZER_FIELDS: Readonly<Record<string, FieldInfo>> = {
  message_id: field('string', false, false, 'Message id'),
  queue_name: field('string', false, false, 'Queue name', { help_text: 'Queue name' }),
  actor_name: field('string', true, false, 'Actor name', { help_text: 'Dramatiq actor name' }),
  state: field('choice', false, false, 'State', { help_text: 'Task status', choices: choices(['queued', 'consumed', 'rejected', 'done'], capitalised) }),
  mtime: field('datetime', false, false, 'Mtime', { help_text: 'Task last modified time' }),
  rel_obj_app_label: field('field', false, true, 'Rel obj app label'),
  rel_obj_model: field('field', false, true, 'Rel obj model'),
  rel_obj_id: field('string', false, false, 'Rel obj id'),
  uid: field('field', false, true, 'Uid'),
  messages: logEvents('Messages'),
  previous_messages: logEvents('Previous messages'),
  aggregated_status: field('choice', true, false, 'Aggregated status', {
    choices: choices(['queued', 'consumed', 'rejected', 'done', 'info', 'warning', 'error'], capitalised),
  }),
  description: field('field', false, true, 'Description'),
};

/** ScheduleSerializer: `rel_obj_id`, `crontab` and `paused` writable. */
export const SCHEDULE_SERIALIZER_FIELDS: Readonly<Record<string, FieldInfo>> = {
  id: field('string', false, true, 'Id'),
  identifier: field('string', false, true, 'Identifier', { help_text: 'Unique schedule identifier' }),
  uid: field('field', false, true, 'Uid'),
  actor_name: field('string', false, true, 'Actor name', { help_text: 'Dramatiq actor to call' }),
  rel_obj_app_label: field('field', false, true, 'Rel obj app label'),
  rel_obj_model: field('field', false, true, 'Rel obj model'),
  rel_obj_id: field('string', false, false, 'Rel obj id'),
  crontab: field('string', true, false, 'Crontab', { help_text: 'When to schedule tasks' }),
  paused: field('boolean', false, false, 'Paused', { help_text: 'Pause this schedule' }),
  next_run: field('datetime', false, true, 'Next run'),
  description: field('field', false, true, 'Description'),
  last_task_status: field('field', false, true, 'Last task status'),
};
