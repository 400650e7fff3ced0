import { EVENT_DEFAULT_ORDERING, EVENT_ORDERING_FIELDS } from '../events/event-filters';
import { parseOrdering } from '../drf/ordering';
import { parseQuery } from '../drf/query';
import { parsePyJson, PyJsonError, type PyValue } from '../python/py-json';
import { asServed } from '../record/record';
import { TASK_DEFAULT_ORDERING, TASK_ORDERING_FIELDS } from '../system-tasks/system-task-filters';
import { render } from './first-difference';
import type { PlannedRequest } from './request-plan';
import type { Answer } from './sides';

/**
 * A deliberate difference that the README lists under "Where the mock knowingly differs from authentik":
 * verify lists the answers it explains apart and does not count them. This list is the one place verify
 * knows them; each names its README entry, and `explains` is true only for an answer pair that differs in
 * that way and no other (status, content type and Allow already agree when it is asked).
 */
export interface KnownDifference {
  id: string;
  /** The README entry's lead, as written there. */
  readme: string;
  explains(request: PlannedRequest, target: Answer, mock: Answer): boolean;
}

// The lists whose ties the mock breaks by store order; their orderable fields and default ordering are the
// mock's own. top_per_user/ always sorts by its count (src/events/top-per-user.ts) and takes no ordering.
const ORDERINGS: Record<string, { fields: ReadonlySet<string>; defaults: readonly string[] }> = {
  events_events_list: { fields: EVENT_ORDERING_FIELDS, defaults: EVENT_DEFAULT_ORDERING },
  events_system_tasks_list: { fields: TASK_ORDERING_FIELDS, defaults: TASK_DEFAULT_ORDERING },
  events_events_top_per_user_list: { fields: new Set(), defaults: ['-counted_events'] },
};

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    id: 'error-pages',
    readme: 'Error pages.',
    // Django's HTML error page is not authentik's branded one; only status and headers are the same.
    explains: (_request, target, mock) => isHtml(target) && isHtml(mock),
  },
  {
    id: 'ties-in-ordering',
    readme: 'Ties in ordering',
    explains: (request, target, mock) => {
      const ordering = ORDERINGS[request.operationId];
      const [a, b] = [parse(target.body), parse(mock.body)];
      if (!ordering || a === undefined || b === undefined) return false;
      const [rowsA, rowsB] = [rowsIn(a), rowsIn(b)];
      if (!rowsA || !rowsB || rowsA.length !== rowsB.length) return false;
      // A page's pagination must agree too: only the rows may have changed places.
      const rest = (body: PyValue) => (body instanceof Map ? render(new Map([...body].filter(([key]) => key !== 'results'))) : '');
      if (rest(a) !== rest(b)) return false;
      // The same sort keys in the same places: only rows that tie on every ordering term changed places.
      const terms = parseOrdering(parseQuery(request.path), ordering.fields, ordering.defaults);
      const keyOf = (row: PyValue) => (row instanceof Map ? terms.map((term) => render(row.get(term.field) ?? null)).join('\u0000') : render(row));
      return rowsA.every((row, i) => keyOf(row) === keyOf(rowsB[i]!));
    },
  },
  {
    id: 'schema-valid-data',
    readme: 'Data stays schema-valid.',
    // authentik's `uid: null`, `description: null` and a never-run message's `log_level: ""`, as record rewrites them.
    explains: (_request, target, mock) => {
      const [a, b] = [parse(target.body), parse(mock.body)];
      if (!(a instanceof Map) || !(b instanceof Map)) return false;
      const results = a.get('results');
      const served = Array.isArray(results) ? new Map([...a].map(([key, value]) => [key, key === 'results' ? results.map((row) => (row instanceof Map ? asServed(row) : row)) : value])) : asServed(a);
      return render(served) === render(b);
    },
  },
];

/** The known difference that explains an answer pair whose bodies differ, if one does. */
export function knownDifferenceOf(request: PlannedRequest, target: Answer, mock: Answer): KnownDifference | undefined {
  return KNOWN_DIFFERENCES.find((known) => known.explains(request, target, mock));
}

/** A list's rows: a page's `results`, or the body itself where it is a bare list. */
const rowsIn = (body: PyValue): PyValue[] | undefined => (Array.isArray(body) ? body : body instanceof Map && Array.isArray(body.get('results')) ? (body.get('results') as PyValue[]) : undefined);

const isHtml = (answer: Answer) => (answer.contentType ?? '').startsWith('text/html');

function parse(text: string): PyValue | undefined {
  try {
    return parsePyJson(text);
  } catch (error) {
    if (error instanceof PyJsonError) return undefined;
    throw error;
  }
}
