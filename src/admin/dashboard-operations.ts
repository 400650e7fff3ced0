import { detailError } from '../drf/api-error';
import { queryValues, type Query } from '../drf/query';
import { pgUpper } from '../drf/pg-upper';
import { searchTerms } from '../drf/search';
import type { JournalFilter } from '../mock-control/journal';
import { createJournalStream, toDataEvent } from '../mock-control/journal-stream';
import type { MockJournalEntry, MockOverview } from '../openapi/generated/schemas';
import { describeAjvError } from '../openapi/describe-ajv-error';
import { summarise } from '../mock-control/runtime';
import type { Collection } from '../store/collection';
import type { HandlerContext, HandlerResult } from '../registry/operation-registry';
import type { AdminDeps } from './admin-operations';

// The list parameters that page and search rather than filter.
const PAGING = new Set(['limit', 'offset', 'search']);

/** What the Overview says beside the state, fixed when the mock starts. */
export type DashboardOverview = Pick<MockOverview, 'response_validation' | 'admin_token' | 'warnings'>;

/** A whole-number query parameter from `min` to `max`, else its default; anything else is a 400 naming it. */
export function readWholeNumber(text: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw detailError(400, `${name} must be a whole number from ${min} to ${max}`);
  return Number(text);
}

/** The journal's filters from the query, as `GET /__mock__/requests` and its stream and wait read them. */
export function readJournalFilter(query: Query): JournalFilter {
  const status = query.get('status');
  if (status !== undefined && !/^\d+$/.test(status)) throw detailError(400, 'status must be a whole number');
  const pairs = queryValues(query, 'query').map((pair): [string, string] => {
    const equals = pair.indexOf('=');
    if (equals < 1) throw detailError(400, `query must be name=value, not "${pair}"`);
    return [pair.slice(0, equals), pair.slice(equals + 1)];
  });
  const method = query.get('method');
  return {
    ...(query.get('operationId') === undefined ? {} : { operationId: query.get('operationId') }),
    ...(method === undefined ? {} : { method }),
    ...(status === undefined ? {} : { status: Number(status) }),
    ...(pairs.length === 0 ? {} : { query: pairs }),
  };
}

/** The admin operations the dashboard reads (spec/mock-admin.yaml): the overview, tasks and events, the live journal. */
export function createDashboardHandlers(deps: AdminDeps): Record<string, (ctx: HandlerContext) => HandlerResult> {
  const { runtime, journal, contract, overview, log } = deps;
  const operations = [...deps.apiOperationIds].sort();
  const validEntry = contract.schemaValidator('MockJournalEntry');

  /** Each event is checked as every JSON answer is: a violation is logged, and in strict mode sent as an error event instead. */
  const toEvent = (entry: MockJournalEntry): string => {
    if (overview.response_validation === 'off' || validEntry(entry)) return toDataEvent(entry);
    const error = validEntry.errors![0]!;
    const detail = `Event of mock_requests_stream violates the spec at ${error.instancePath || '/'}: ${describeAjvError(error)}`;
    log(`response_contract_violation: ${detail}`);
    return overview.response_validation === 'strict' ? toDataEvent({ detail, code: 'response_contract_violation' }, 'error') : toDataEvent(entry);
  };

  return {
    mock_overview_retrieve() {
      const body: MockOverview = { authentik_version: deps.version.name, state: summarise(runtime, deps.version.tables), token_mode: runtime.access.policy.mode, ...overview, operations };
      return { status: 200, body };
    },

    // Each table of the version lists itself (state-table.ts): system tasks by full_name, events newest first…
    ...Object.fromEntries(
      deps.version.tables.flatMap((table) => {
        const admin = table.admin;
        if (!admin) return [];
        const handler = ({ query, operation }: HandlerContext): HandlerResult => {
          // `limit`'s default and bounds are the spec's (spec/mock-admin.yaml).
          const bounds = operation.parameters.find((parameter) => parameter.name === 'limit')!.schema as { default: number; minimum: number; maximum: number };
          const limit = readWholeNumber(query.get('limit'), 'limit', bounds.default, bounds.minimum, bounds.maximum);
          const offset = readWholeNumber(query.get('offset'), 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
          const all = (runtime.store[table.key] as Collection<unknown>).all();
          // authentik's own search, so that the dashboard finds what GET /api/v3/…/?search= would.
          const terms = admin.searchText ? searchTerms(query).map(pgUpper) : [];
          // The exact filters are the list's other query parameters in the spec (state, aggregated_status); empty is none.
          const filters = admin.filterValues ? operation.parameters.filter((p) => p.in === 'query' && !PAGING.has(p.name) && (query.get(p.name) ?? '') !== '').map((p) => [p.name, query.get(p.name)!]) : [];
          const rows = terms.length === 0 && filters.length === 0 ? all : all.filter((row) => terms.every((term) => admin.searchText!(row).includes(term)) && filters.every(([name, value]) => admin.filterValues!(row)[name!] === value));
          return { status: 200, body: { count: rows.length, [admin.listKey]: admin.order(rows).slice(offset, offset + limit).map((row) => table.toJson(row, runtime.store)) } };
        };
        return [[admin.list, handler]];
      }),
    ),

    mock_requests_stream({ query }) {
      const chunks = createJournalStream(journal, { filter: readJournalFilter(query), toEvent });
      return { status: 200, stream: { contentType: 'text/event-stream; charset=utf-8', chunks } };
    },
  };
}
