import { createOperationLookup, sameJson, type SuiteContext } from '../suite-context';
import { fetchAll, type Row } from './task-list';

interface Pagination {
  next: number;
  previous: number;
  count: number;
  current: number;
  total_pages: number;
  start_index: number;
  end_index: number;
}

/** The pagination authentik computes for page `page` of `count` rows at `size` per page. */
export function expectedPagination(count: number, size: number, page: number): Pagination {
  const totalPages = Math.max(1, Math.ceil(count / size));
  return {
    next: page < totalPages ? page + 1 : 0,
    previous: page > 1 ? page - 1 : 0,
    count,
    current: page,
    total_pages: totalPages,
    start_index: count === 0 ? 0 : (page - 1) * size + 1,
    end_index: page === totalPages ? count : page * size,
  };
}

/**
 * What is wrong with a page, without the page's numbers: the pagination keys that differ from DRF's
 * arithmetic, so that one off-by-one shows as one finding rather than one per page walked.
 */
function pageCause(status: number, got: Pagination | undefined, expected: Pagination, rowsWrong: boolean): string {
  if (status !== 200) return `a page within the count answered ${status} (expected 200)`;
  const keys = (Object.keys(expected) as Array<keyof Pagination>).filter((key) => got?.[key] !== expected[key]);
  const wrong = [...keys, ...(rowsWrong ? ['the number of rows'] : [])];
  return wrong.length > 0 ? `pages differ from DRF's pagination in ${wrong.join(', ')}` : "pages carry other pagination keys than DRF's";
}

const PAGE_SIZES = [1, 2, 3, 7, 100];
const MAX_PAGES_WALKED = 40;

/** pagination of authentik 2024.8's system-task list. */
export const checkPagination = (ctx: SuiteContext): Promise<void> => checkListPagination(ctx, 'events_system_tasks_list', 'uuid');

/**
 * pagination (a list whose rows have the unique `key`): for several page sizes, every page's numbers are
 * consistent, the pages together are the full list without duplicates, a page past the end is rejected,
 * `page=last` is the last page, and `page_size` values that are not positive integers fall back to the default.
 */
export async function checkListPagination(ctx: SuiteContext, id: string, key: string): Promise<void> {
  const list = createOperationLookup(ctx.spec)(id);
  const { recorder, target } = ctx;
  const all = await fetchAll(ctx, id);
  if (!all) {
    recorder.fail(id, 'pagination', 'the list could not be read');
    return;
  }
  const keyOf = (row: Row) => String(row[key]);
  for (const size of PAGE_SIZES) {
    const totalPages = Math.max(1, Math.ceil(all.count / size));
    if (totalPages > MAX_PAGES_WALKED) {
      recorder.record(id, 'pagination', 'skip', `page_size=${size}: ${totalPages} pages are too many to walk`);
      continue;
    }
    const seen: string[] = [];
    for (let page = 1; page <= totalPages; page++) {
      const exchange = await target.call(list, { query: { page_size: String(size), page: String(page) } });
      const body = exchange.json as { pagination?: Pagination; results?: Row[] } | undefined;
      const expected = expectedPagination(all.count, size, page);
      const rows = body?.results ?? [];
      const rowsExpected = expected.count === 0 ? 0 : expected.end_index - expected.start_index + 1;
      recorder.expect(
        exchange.status === 200 && sameJson(body?.pagination, expected) && rows.length === rowsExpected,
        id,
        'pagination',
        `page_size=${size} page=${page}: got ${exchange.status} ${JSON.stringify(body?.pagination)} with ${rows.length} rows (expected ${JSON.stringify(expected)} with ${rowsExpected})`,
        exchange.curl,
        { cause: pageCause(exchange.status, body?.pagination, expected, rows.length !== rowsExpected) },
      );
      seen.push(...rows.map(keyOf));
    }
    const full = all.rows.map(keyOf);
    recorder.expect(
      new Set(seen).size === seen.length && sameJson([...seen].sort(), [...full].sort()),
      id,
      'pagination',
      `page_size=${size}: the pages together are the full list without duplicates (${seen.length} rows seen, ${full.length} in the list)`,
    );
    const past = await target.call(list, { query: { page_size: String(size), page: String(totalPages + 1) } });
    recorder.expect(past.status === 404, id, 'pagination', `page_size=${size}: page ${totalPages + 1} (past the end) answered ${past.status} (expected 404)`, past.curl);
    const last = await target.call(list, { query: { page_size: String(size), page: 'last' } });
    recorder.expect(
      last.status === 200 && sameJson((last.json as { pagination?: unknown }).pagination, expectedPagination(all.count, size, totalPages)),
      id,
      'pagination',
      `page_size=${size}: page=last is page ${totalPages}`,
      last.curl,
      { cause: 'page=last is not the last page' },
    );
  }
  const reference = await target.call(list, {});
  for (const fallback of ['0', '-1', 'abc']) {
    const exchange = await target.call(list, { query: { page_size: fallback } });
    recorder.expect(
      exchange.status === 200 && sameJson((exchange.json as { pagination?: unknown }).pagination, (reference.json as { pagination?: unknown }).pagination),
      id,
      'pagination',
      `page_size=${fallback} falls back to the default page size (got ${exchange.status})`,
      exchange.curl,
    );
  }
  for (const page of ['0', 'abc']) {
    const exchange = await target.call(list, { query: { page } });
    recorder.expect(exchange.status === 404, id, 'pagination', `page=${page} answered ${exchange.status} (expected 404)`, exchange.curl);
  }
}
