import { detailError } from '../drf/api-error';
import { toCanonicalUuid } from '../python/py-uuid';
import type { HandlerContext, HandlerResult } from '../registry/operation-registry';
import type { Collection } from '../store/collection';
import type { StateTable } from '../store/state-table';
import type { AdminDeps } from './admin-operations';

/**
 * The dashboard's row buttons (issue 18): delete one task, and run it (a 2024.8 system task's run, a 2025.8
 * task's retry), through the admin API, so that the page needs no authentik token. Each table that has them
 * says so (StateTable.admin.row); a version without the table has neither route.
 */
export function createRowHandlers(deps: AdminDeps): Record<string, (ctx: HandlerContext) => HandlerResult> {
  return Object.fromEntries(deps.version.tables.flatMap((table) => (table.admin?.row ? rowHandlers(deps, table) : [])));
}

function rowHandlers(deps: AdminDeps, table: StateTable): Array<[string, (ctx: HandlerContext) => HandlerResult]> {
  const row = table.admin!.row!;
  const rows = () => deps.runtime.store[table.key] as Collection<unknown>;
  // Ids are stored canonical (lower case, hyphens), as authentik's own lookups read them.
  const find = (ctx: HandlerContext): [string, unknown] => {
    const given = ctx.params[row.param] ?? '';
    const id = toCanonicalUuid(given);
    const found = id === undefined ? undefined : rows().get(id);
    if (found === undefined) throw detailError(404, `No ${table.noun} with ${row.param} "${given}".`);
    return [id!, found];
  };
  return [
    [
      row.remove,
      (ctx) => {
        rows().delete(find(ctx)[0]);
        return { status: 204 };
      },
    ],
    [
      row.run.operationId,
      (ctx) => {
        const [id, found] = find(ctx);
        const after = row.run.apply(found, deps.clock());
        if (typeof after === 'string') throw detailError(400, after);
        rows().set(id, after);
        return { status: 200, body: table.toJson(after, deps.runtime.store) };
      },
    ],
  ];
}
