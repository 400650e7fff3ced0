import { toListQuery, type ListQuery } from '../drf/list-cache';
import { createRowSearch, searchTerms } from '../drf/search';
import { validationError } from '../drf/api-error';
import { hasNullCharacter, NULL_CHARACTERS_MESSAGE } from '../drf/null-characters';
import type { Query } from '../drf/query';
import type { Operation } from '../openapi/operations';
import { pyStrip } from '../python/py-strip';
import type { SystemTaskRecord } from '../store/records';

/** authentik's SystemTaskViewSet: default ordering and the model fields its OrderingFilter accepts. */
export const TASK_DEFAULT_ORDERING = ['name', 'uid', 'status'];
export const TASK_ORDERING_FIELDS = new Set([
  'uuid', 'name', 'uid', 'description', 'start_timestamp', 'finish_timestamp', 'duration', 'status', 'messages', 'expires', 'expiring',
]);

/** The SystemTask model's JSONField columns, stored as jsonb. */
export const TASK_JSONB_FIELDS = new Set(['messages']);

type Predicate = (task: SystemTaskRecord) => boolean;

// authentik's SystemTaskFilter fields, in their order; a parameter it does not name goes last.
const FILTERSET_ORDER = ['name', 'uid', 'status'];
const filtersetPosition = (name: string) => (FILTERSET_ORDER.includes(name) ? FILTERSET_ORDER.indexOf(name) : FILTERSET_ORDER.length);

// DRF SearchFilter over authentik's search_fields for tasks.
export const searchTasks = createRowSearch<SystemTaskRecord>((task) => [task.name, task.description, task.uid, task.status]);
/**
 * The exact-match filters (`name`, `uid`, `status`) and search of the system-task list, read from the
 * operation's parameters in the spec: an enum parameter is a django-filter ChoiceFilter and answers 400
 * `Select a valid choice.` for other values, as sent. Other values are stripped; empty values filter nothing. Like DRF,
 * they apply on the detail route too.
 */
export function createTaskQueryReader(listOperation: Operation): (query: Query) => ListQuery<SystemTaskRecord> {
  const reserved = new Set(['ordering', 'page', 'page_size', 'search']);
  const filters = listOperation.parameters
    .filter((p) => p.in === 'query' && !reserved.has(p.name))
    .map((p) => ({ name: p.name as keyof SystemTaskRecord, choices: p.schema.enum as string[] | undefined }))
    // The filterset's field order, which its 400 follows (the spec lists parameters alphabetically).
    .sort((a, b) => filtersetPosition(a.name) - filtersetPosition(b.name));

  return (query) => {
    const predicates: Predicate[] = [];
    const errors: Record<string, string[]> = {};
    for (const filter of filters) {
      // django-filter's CharFilter strips the value; its ChoiceFilter does not (measured: `status=error%20`).
      const sent = query.get(filter.name) ?? '';
      const value = filter.choices ? sent : pyStrip(sent);
      if (value === '') continue;
      if (filter.choices && !filter.choices.includes(value)) {
        errors[filter.name] = [`Select a valid choice. ${value} is not one of the available choices.`];
        continue;
      }
      if (!filter.choices && hasNullCharacter(value)) {
        errors[filter.name] = [NULL_CHARACTERS_MESSAGE];
        continue;
      }
      predicates.push((task) => task[filter.name] === value);
    }
    if (Object.keys(errors).length > 0) throw validationError(errors);
    return toListQuery(predicates, searchTerms(query), searchTasks);
  };
}
