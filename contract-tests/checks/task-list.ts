import type { SuiteContext } from '../suite-context';
import { createOperationLookup } from '../suite-context';

export type Row = Record<string, unknown>;

/** Every row of a paginated list on the target, read page by page at the largest page size authentik allows (no maximum). */
export async function fetchAll(ctx: SuiteContext, operationId: string, query: Record<string, string> = {}): Promise<{ rows: Row[]; count: number } | undefined> {
  const list = createOperationLookup(ctx.spec)(operationId);
  const exchange = await ctx.target.call(list, { query: { ...query, page_size: '1000' } });
  const body = exchange.json as { pagination?: { count: number; total_pages: number }; results?: Row[] } | undefined;
  if (exchange.status !== 200 || !body?.pagination || !Array.isArray(body.results)) return undefined;
  const rows = [...body.results];
  for (let page = 2; page <= Math.min(body.pagination.total_pages, 20); page++) {
    const next = await ctx.target.call(list, { query: { ...query, page_size: '1000', page: String(page) } });
    rows.push(...(((next.json as { results?: Row[] } | undefined)?.results) ?? []));
  }
  return { rows, count: body.pagination.count };
}

/** Every system task on the target (authentik 2024.8). */
export const fetchAllTasks = (ctx: SuiteContext, query: Record<string, string> = {}) => fetchAll(ctx, 'events_system_tasks_list', query);
