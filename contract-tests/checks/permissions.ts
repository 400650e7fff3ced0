import type { Operation } from '../../src/openapi/operations';
import type { CheckName } from '../results';
import { idParams, sameJson, unknownId, type SuiteContext } from '../suite-context';
import { createEvent } from './event-fixtures';
import { bodyFields, minimalValidBody } from './request-bodies';

// DRF's PermissionDenied default detail: authentik's answer to an authenticated caller without the permission.
const DENIED = { detail: 'You do not have permission to perform this action.' };

/** DRF's DjangoModelPermissions map: the model permission each method needs (authentik's RBAC keeps it). */
const PERMISSION_KIND: Readonly<Record<string, Kind>> = { GET: 'view', POST: 'add', PUT: 'change', PATCH: 'change', DELETE: 'delete' };
type Kind = 'view' | 'add' | 'change' | 'delete';

/** A token and what it may do on every model: the viewer may view; the no-permission token nothing. */
interface Profile {
  check: CheckName;
  flag: string;
  token: string;
  may: ReadonlySet<Kind>;
}

/** A DRF viewset as the spec shows it: its list URL and the operations on its detail URL and below it. */
interface Viewset {
  list: Operation;
  routed: Map<string, Operation>;
  detail: Operation[];
}

/**
 * permission-viewer and permission-none: restricted tokens get authentik's 403 in authentik's order
 * (reference, "Measured on authentik's own code"). On a list URL the permission the method maps to comes
 * before the 405: a viewer's `DELETE /events/events/` is 403, where a superuser gets 405. On a detail URL a
 * token without the view permission gets 403 for any id, existing or not (before the lookup); a viewer
 * may read an existing object but not change, delete or run it. Writes are skipped under --read-only.
 */
export async function checkPermissions(ctx: SuiteContext): Promise<void> {
  const profiles: Profile[] = [];
  const given = (check: CheckName, flag: string, token: string | undefined, may: Kind[]) => {
    if (token) profiles.push({ check, flag, token, may: new Set(may) });
    else ctx.recorder.record('(suite)', check, 'skip', `no ${flag} given`);
  };
  given('permission-viewer', '--viewer-token', ctx.tokens.viewer, ['view']);
  given('permission-none', '--no-permission-token', ctx.tokens.noPermission, []);
  if (profiles.length === 0) return;

  for (const viewset of findViewsets(ctx)) {
    for (const profile of profiles) {
      await checkListUrl(ctx, profile, viewset);
      // An object per token: a server that wrongly lets one token delete it must not spoil the next token's checks.
      await checkDetailUrl(ctx, profile, viewset, await findExistingId(ctx, viewset));
    }
  }
}

/** List URLs that have a detail URL below them (`/events/events/` and `/events/events/{event_uuid}/`). */
function findViewsets(ctx: SuiteContext): Viewset[] {
  const operations = ctx.operations;
  return operations
    .filter((op) => op.method === 'GET' && !op.path.includes('{') && operations.some((other) => other.path.startsWith(`${op.path}{`)))
    .map((list) => ({
      list,
      routed: new Map(operations.filter((op) => op.path === list.path).map((op) => [op.method, op])),
      // DELETE last, so that a server wrongly allowing it leaves the object for the other methods' checks.
      detail: operations.filter((op) => op.path.startsWith(`${list.path}{`)).sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE')),
    }));
}

/**
 * An object the suite may touch: on the events viewset one it creates (a wrongly allowed write then harms
 * only its own data; none when creating fails), elsewhere, or under --read-only, the first the list shows.
 * DRF looks objects up by `pk` unless the URL names the field (`{uuid}`).
 */
async function findExistingId(ctx: SuiteContext, viewset: Viewset): Promise<string | undefined> {
  if (!ctx.readOnly && viewset.list.operationId === 'events_events_list') {
    const event = await createEvent(ctx, { app: 'contract-suite-permissions' });
    return event === undefined ? undefined : String(event.pk);
  }
  const list = await ctx.target.call(viewset.list, { query: { page_size: '1' } });
  const row = (list.json as { results?: Array<Record<string, unknown>> } | undefined)?.results?.[0];
  const param = /\{([^}]+)\}/.exec(viewset.detail[0]?.path ?? '')?.[1] ?? 'pk';
  const id = row?.[param] ?? row?.pk;
  return id === undefined ? undefined : String(id);
}

async function checkListUrl(ctx: SuiteContext, profile: Profile, viewset: Viewset): Promise<void> {
  for (const [method, kind] of Object.entries(PERMISSION_KIND)) {
    if (ctx.readOnly && method !== 'GET') continue;
    const routed = viewset.routed.get(method);
    if (profile.may.has(kind)) {
      // The token must be what the flag says, or every refusal below would prove nothing.
      if (method !== 'GET') continue;
      const exchange = await ctx.target.call(viewset.list, { authorization: `Bearer ${profile.token}` });
      ctx.recorder.expect(
        exchange.status === 200,
        viewset.list.operationId,
        profile.check,
        `GET ${viewset.list.path} answered ${exchange.status} ${exchange.text.slice(0, 120)} (expected 200: the ${profile.flag} must hold the view permission)`,
        exchange.curl,
      );
      continue;
    }
    const operation = routed ?? viewset.list;
    const exchange = await ctx.target.call(operation, { method, authorization: `Bearer ${profile.token}`, body: writeBody(ctx, routed) });
    const order = routed ? '' : `, before the 405 for a method ${viewset.list.path} does not allow`;
    ctx.recorder.expect(
      exchange.status === 403 && sameJson(exchange.json, DENIED),
      operation.operationId,
      profile.check,
      `${method} ${viewset.list.path} answered ${exchange.status} ${exchange.text.slice(0, 120)} (expected 403 ${JSON.stringify(DENIED)}: a token without the ${kind} permission is refused${order})`,
      exchange.curl,
    );
  }
}

async function checkDetailUrl(ctx: SuiteContext, profile: Profile, viewset: Viewset, existingId: string | undefined): Promise<void> {
  const canView = profile.may.has('view');
  const depth = (op: Operation) => op.path.split('/').length;
  const retrieve = viewset.detail.find((op) => op.method === 'GET' && depth(op) === depth(viewset.list) + 1);
  const writes = !ctx.readOnly && viewset.detail.some((op) => op.method !== 'GET');
  // Read with the suite's own token before and after: a server that answers 403 but still stores the write is caught.
  const read = () => (retrieve && existingId !== undefined ? ctx.target.call(retrieve, { params: idParams(retrieve, existingId) }) : undefined);
  const before = writes ? await read() : undefined;
  for (const operation of viewset.detail) {
    if (ctx.readOnly && operation.method !== 'GET') continue;
    // An extra action below the detail URL (authentik's `run/`) needs its own permission (run_task), which
    // neither token holds; for the rest, the method's model permission.
    const isAction = depth(operation) > depth(viewset.list) + 1;
    const kind = PERMISSION_KIND[operation.method]!;
    const needed = isAction ? 'the action\'s' : `the ${kind}`;
    const ids: Array<[string, string | undefined]> = canView ? [['an existing id', existingId]] : [['a random id', unknownId()], ['an existing id', existingId]];
    for (const [label, id] of ids) {
      if (id === undefined) {
        ctx.recorder.record(operation.operationId, profile.check, 'skip', `the target has no object to try ${label} on`);
        continue;
      }
      const exchange = await ctx.target.call(operation, { params: idParams(operation, id), authorization: `Bearer ${profile.token}`, body: writeBody(ctx, operation) });
      if (profile.may.has(kind)) {
        ctx.recorder.expect(exchange.status === 200, operation.operationId, profile.check, `${operation.method} ${operation.path} with ${label} answered ${exchange.status} ${exchange.text.slice(0, 120)} (expected 200: the ${profile.flag} may ${kind})`, exchange.curl);
        continue;
      }
      if (!canView && label === 'a random id' && ctx.rules.lookupBeforePermission.has(operation.operationId)) {
        // The view looks the object up before it checks any permission: a random id is 404 for everyone.
        ctx.recorder.expect(exchange.status === 404, operation.operationId, profile.check, `${operation.method} ${operation.path} with ${label} answered ${exchange.status} ${exchange.text.slice(0, 120)} (expected 404: the object is looked up before the permission check)`, exchange.curl);
        continue;
      }
      const why = canView ? `a token with the view but not ${needed} permission is refused on an existing object` : 'a token without the view permission is refused before the object is looked up';
      ctx.recorder.expect(
        exchange.status === 403 && sameJson(exchange.json, DENIED),
        operation.operationId,
        profile.check,
        `${operation.method} ${operation.path} with ${label} answered ${exchange.status} ${exchange.text.slice(0, 120)} (expected 403 ${JSON.stringify(DENIED)}: ${why})`,
        exchange.curl,
      );
    }
  }
  const after = await read();
  if (before?.status === 200 && after) {
    const unchanged = after.status === 200 && sameJson(after.json, before.json);
    const message = unchanged ? 'the refused writes left the object unchanged' : `the refused writes changed the object: a later GET answered ${after.status} ${after.text.slice(0, 120)}`;
    ctx.recorder.expect(unchanged, retrieve!.operationId, profile.check, message, after.curl);
  }
}

/** A valid body for an operation that takes one, so that a server wrongly allowing the write really writes. */
function writeBody(ctx: SuiteContext, operation: Operation | undefined): Record<string, unknown> | undefined {
  if (!operation?.requestSchema) return undefined;
  const fields = bodyFields(ctx.spec, operation);
  return { ...minimalValidBody(fields), ...(fields.some((f) => f.name === 'app') ? { app: 'contract-suite-permission-write' } : {}) };
}
