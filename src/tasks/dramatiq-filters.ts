import { validationError } from '../drf/api-error';
import type { Drf } from '../drf/drf-rules';
import { toListQuery, type ListQuery } from '../drf/list-cache';
import { hasNullCharacter, NULL_CHARACTERS_MESSAGE } from '../drf/null-characters';
import { queryValues, type Query } from '../drf/query';
import { createRowSearch } from '../drf/search';
import { pyStrip } from '../python/py-strip';
import type { ScheduleRecord, TaskRecord } from '../store/dramatiq-records';

/**
 * The FilterSets, search and ordering of authentik 2025.8's TaskViewSet and ScheduleViewSet. Filters are
 * django-filter 25.1 over a plain FilterSet: CharFilters exact and trimmed (empty = no filter),
 * ChoiceFilter / MultipleChoiceFilter values as sent, BooleanFilters read by Django's NullBooleanSelect
 * (never a 400). Every failing parameter is reported at once, in the filterset's field order.
 */

const STATES = ['queued', 'consumed', 'rejected', 'done'];
const AGGREGATED_STATUSES = ['queued', 'consumed', 'rejected', 'done', 'info', 'warning', 'error'];

/** Django's NullBooleanSelect: `true`/`True`/`2` and `false`/`False`/`3`; anything else filters nothing. */
export function nullBoolean(value: string | undefined): boolean | undefined {
  if (value === 'true' || value === 'True' || value === '2') return true;
  if (value === 'false' || value === 'False' || value === '3') return false;
  return undefined;
}

const invalidChoice = (value: string) => `Select a valid choice. ${value} is not one of the available choices.`;

interface RelatedRow {
  rel_obj: { app_label: string; model: string } | null;
  rel_obj_id: string | null;
}

type FilterSpec<T> =
  | { name: string; kind: 'char'; value: (row: T) => string | null }
  | { name: string; kind: 'choice'; choices: readonly string[]; value: (row: T) => string }
  | { name: string; kind: 'multiple-choice'; choices: readonly string[]; value: (row: T) => string }
  | { name: string; kind: 'boolean'; value: (row: T) => boolean };

const relatedFilters = <T extends RelatedRow>(): Array<FilterSpec<T>> => [
  { name: 'rel_obj_content_type__app_label', kind: 'char', value: (row) => row.rel_obj?.app_label ?? null },
  { name: 'rel_obj_content_type__model', kind: 'char', value: (row) => row.rel_obj?.model ?? null },
  { name: 'rel_obj_id', kind: 'char', value: (row) => row.rel_obj_id },
];
const isNullFilter = <T extends RelatedRow>(): FilterSpec<T> => ({ name: 'rel_obj_id__isnull', kind: 'boolean', value: (row) => row.rel_obj_id === null });

/** TaskFilter, in its field order. */
const TASK_FILTERS: Array<FilterSpec<TaskRecord>> = [
  { name: 'queue_name', kind: 'char', value: (task) => task.queue_name },
  { name: 'actor_name', kind: 'char', value: (task) => task.actor_name },
  { name: 'state', kind: 'choice', choices: STATES, value: (task) => task.state },
  ...relatedFilters<TaskRecord>(),
  isNullFilter<TaskRecord>(),
  { name: 'aggregated_status', kind: 'multiple-choice', choices: AGGREGATED_STATUSES, value: (task) => task.aggregated_status },
];

/** ScheduleFilter, in its field order. */
const SCHEDULE_FILTERS: Array<FilterSpec<ScheduleRecord>> = [
  { name: 'actor_name', kind: 'char', value: (schedule) => schedule.actor_name },
  ...relatedFilters<ScheduleRecord>(),
  isNullFilter<ScheduleRecord>(),
  { name: 'paused', kind: 'boolean', value: (schedule) => schedule.paused },
];

/** The filterset's predicates for a request; throws its 400 with every failing parameter. */
function readFilters<T>(specs: ReadonlyArray<FilterSpec<T>>, query: Query): Array<(row: T) => boolean> {
  const predicates: Array<(row: T) => boolean> = [];
  const errors: Record<string, string[]> = {};
  for (const spec of specs) {
    if (spec.kind === 'multiple-choice') {
      const values = queryValues(query, spec.name);
      if (values.length === 0) continue;
      // Only the first bad value is reported; `aggregated_status=` is the empty value, which is no choice.
      const bad = values.find((value) => !spec.choices.includes(value));
      if (bad !== undefined) errors[spec.name] = [invalidChoice(bad)];
      else predicates.push((row) => values.includes(spec.value(row)));
      continue;
    }
    const sent = query.get(spec.name);
    if (sent === undefined) continue;
    if (spec.kind === 'boolean') {
      const wanted = nullBoolean(sent);
      if (wanted !== undefined) predicates.push((row) => spec.value(row) === wanted);
    } else if (spec.kind === 'choice') {
      if (sent === '') continue;
      if (!spec.choices.includes(sent)) errors[spec.name] = [invalidChoice(sent)];
      else predicates.push((row) => spec.value(row) === sent);
    } else {
      const value = pyStrip(sent);
      if (value === '') continue;
      if (hasNullCharacter(value)) errors[spec.name] = [NULL_CHARACTERS_MESSAGE];
      else predicates.push((row) => spec.value(row) === value);
    }
  }
  if (Object.keys(errors).length > 0) throw validationError(errors);
  return predicates;
}

// DRF's SearchFilter over TaskViewSet.search_fields (NULL columns never match).
export const searchTasks = createRowSearch<TaskRecord>((task) => [
  task.message_id,
  task.queue_name,
  task.actor_name,
  task.state,
  task.rel_obj?.app_label,
  task.rel_obj?.model,
  task.rel_obj_id,
  task.uid_suffix,
  task.aggregated_status,
]);

/**
 * The search terms of a request, read first (2025.8's QLSearch is the first filter backend: its NUL 400
 * comes before the permission filter's 403). Tasks have no QL fields, so this is DRF's plain search.
 */
export function taskSearchTerms(query: Query, drf: Drf): string[] {
  return drf.searchTerms(query);
}

/** The filters and search of a tasks request (list, detail, retry). */
export function readTaskQuery(query: Query, drf: Drf): ListQuery<TaskRecord> {
  const terms = drf.searchTerms(query);
  return toListQuery(readFilters(TASK_FILTERS, query), terms, searchTasks);
}

/** The filters of a schedules request (list, detail, PUT, PATCH); search never gets this far (see scheduleSearchCrash). */
export function readScheduleQuery(query: Query): ListQuery<ScheduleRecord> {
  return toListQuery(readFilters(SCHEDULE_FILTERS, query), [], () => () => true);
}

/** TaskViewSet: default ordering, and the serializer fields OrderingFilter accepts, named by their source. */
export const TASK_DEFAULT_ORDERING = ['-mtime'];
export const TASK_ORDERING_FIELDS = new Set([
  'message_id', 'queue_name', 'actor_name', 'state', 'mtime', 'rel_obj_content_type__app_label', 'rel_obj_content_type__model', 'rel_obj_id',
  '_messages', '_previous_messages', 'aggregated_status',
]);
export const TASK_JSONB_FIELDS = new Set(['_messages', '_previous_messages']);

export function taskSortValue(task: TaskRecord, field: string): unknown {
  switch (field) {
    case 'rel_obj_content_type__app_label':
      return task.rel_obj?.app_label ?? null;
    case 'rel_obj_content_type__model':
      return task.rel_obj?.model ?? null;
    case '_messages':
      return task.messages;
    case '_previous_messages':
      return task.previous_messages;
    default:
      return task[field as keyof TaskRecord];
  }
}

/** ScheduleViewSet: `next_run, actor_name, identifier` by default (PostgreSQL puts a null identifier last). */
export const SCHEDULE_DEFAULT_ORDERING = ['next_run', 'actor_name', 'identifier'];
export const SCHEDULE_ORDERING_FIELDS = new Set([
  'id', 'identifier', 'actor_name', 'rel_obj_content_type__app_label', 'rel_obj_content_type__model', 'rel_obj_id', 'crontab', 'paused', 'next_run',
]);

export function scheduleSortValue(schedule: ScheduleRecord, field: string): unknown {
  switch (field) {
    case 'rel_obj_content_type__app_label':
      return schedule.rel_obj?.app_label ?? null;
    case 'rel_obj_content_type__model':
      return schedule.rel_obj?.model ?? null;
    default:
      return schedule[field as keyof ScheduleRecord];
  }
}
