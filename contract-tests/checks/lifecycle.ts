import { createOperationLookup, idParams, sameJson, unknownId, type SuiteContext } from '../suite-context';

/**
 * lifecycle: the server remembers. create → retrieve shows what was sent plus server fields → patch →
 * retrieve shows the patch with `pk`/`created` unchanged → delete → 404. `pk`/`created` in a body are
 * ignored; every detail URL answers a random UUID with 404; an object of another list (tasks, schedules)
 * fetched by its id equals its row in the list.
 */
export async function checkLifecycle(ctx: SuiteContext): Promise<void> {
  const op = createOperationLookup(ctx.spec);
  const { recorder, target } = ctx;
  const retrieves = ctx.operations.filter((operation) => operation.method === 'GET' && /\{[^}]+\}\/$/.test(operation.path));
  for (const operation of retrieves) {
    const missing = await target.call(operation, { params: idParams(operation, unknownId()) });
    recorder.expect(missing.status === 404, operation.operationId, 'lifecycle', `a random UUID answered ${missing.status} (expected 404)`, missing.curl);
  }

  // Every list but the events' (whose objects the suite creates below): its first rows equal their detail.
  for (const retrieve of retrieves) {
    const listPath = retrieve.path.replace(/\{[^}]+\}\/$/, '');
    const list = ctx.operations.find((operation) => operation.method === 'GET' && operation.path === listPath);
    if (!list || list.operationId === 'events_events_list') continue;
    const key = /\{([^}]+)\}\/$/.exec(retrieve.path)![1]!;
    const listed = await target.call(list, { query: { page_size: '5' } });
    const rows = ((listed.json as { results?: Array<Record<string, unknown>> } | undefined)?.results ?? []).slice(0, 5);
    if (rows.length === 0) recorder.record(retrieve.operationId, 'lifecycle', 'skip', `the target has no rows in ${list.path}`);
    for (const row of rows) {
      const id = String(row[key] ?? row.pk);
      const one = await target.call(retrieve, { params: idParams(retrieve, id) });
      recorder.expect(one.status === 200 && sameJson(one.json, row), retrieve.operationId, 'lifecycle', `${key} ${id} equals its list row (got ${one.status})`, one.curl, { cause: 'a detail differs from its list row' });
    }
  }
  if (ctx.readOnly) return;

  const sent = { action: 'custom_', app: 'contract-suite-lifecycle', context: { step: 'create', nested: { a: [1, 2] } }, client_ip: '203.0.113.9' };
  const forged = { pk: '00000000-0000-4000-8000-000000000000', created: '2001-01-01T00:00:00Z' };
  const created = await target.call(op('events_events_create'), { body: { ...sent, ...forged } });
  const event = created.json as Record<string, unknown> | undefined;
  if (!recorder.expect(created.status === 201 && !!event, 'events_events_create', 'lifecycle', `create answered ${created.status} (expected 201)`, created.curl)) return;
  recorder.expect(event!.pk !== forged.pk && event!.created !== forged.created, 'events_events_create', 'lifecycle', `\`pk\` and \`created\` in the body are ignored (got pk ${String(event!.pk)}, created ${String(event!.created)})`, created.curl, { cause: '`pk` and `created` in the body are ignored' });

  const detail = (operationId: string) => ({ operation: op(operationId), params: idParams(op(operationId), String(event!.pk)) });
  const get = () => target.call(detail('events_events_retrieve').operation, { params: detail('events_events_retrieve').params });

  const fetched = await get();
  const sameAsCreated = fetched.status === 200 && sameJson(fetched.json, event);
  recorder.expect(sameAsCreated, 'events_events_retrieve', 'lifecycle', `retrieve after create answered ${fetched.status} ${sameAsCreated ? 'with the created event' : `with ${fetched.text.slice(0, 160)}`} (expected the created event)`, fetched.curl);

  const patch = detail('events_events_partial_update');
  const patched = await target.call(patch.operation, { params: patch.params, body: { app: 'contract-suite-patched', context: { step: 'patch' } } });
  const patchedBody = patched.json as Record<string, unknown> | undefined;
  recorder.expect(
    patched.status === 200 && patchedBody?.app === 'contract-suite-patched' && patchedBody.pk === event!.pk && patchedBody.created === event!.created,
    'events_events_partial_update',
    'lifecycle',
    `patch answered ${patched.status} with app=${String(patchedBody?.app)} (expected 200, the new app, pk and created unchanged)`,
    patched.curl,
  );
  const afterPatch = await get();
  const shown = afterPatch.json as Record<string, unknown> | undefined;
  recorder.expect(
    afterPatch.status === 200 && shown?.app === 'contract-suite-patched' && sameJson(shown.context, { step: 'patch' }) && shown.created === event!.created && shown.action === 'custom_',
    'events_events_retrieve',
    'lifecycle',
    `retrieve after patch shows app=${String(shown?.app)} (expected the patch, other fields unchanged)`,
    afterPatch.curl,
  );

  const destroy = detail('events_events_destroy');
  const deleted = await target.call(destroy.operation, { params: destroy.params });
  recorder.expect(deleted.status === 204, 'events_events_destroy', 'lifecycle', `delete answered ${deleted.status} (expected 204)`, deleted.curl);
  const gone = await get();
  recorder.expect(gone.status === 404, 'events_events_retrieve', 'lifecycle', `retrieve after delete answered ${gone.status} (expected 404)`, gone.curl);
}
