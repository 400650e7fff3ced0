import { EVENT_LIFETIME } from '../events/event-operations';
import { toJsonbValue } from '../drf/jsonb';
import { toPostgresInet } from '../drf/postgres-inet';
import { days, type Micros } from '../python/py-datetime';
import type { HandlerContext } from '../registry/operation-registry';
import type { ScheduleRecord } from '../store/dramatiq-records';
import type { EventRecord } from '../store/records';
import { uidOf } from './to-dramatiq-json';

/**
 * The user authentik records for an API token's owner. The mock's tokens belong to no user, so every change
 * is recorded as authentik's bootstrap admin (`akadmin`, pk 1), as a fresh install's admin token is.
 */
const TOKEN_OWNER = { pk: 1, email: 'root@localhost', username: 'akadmin' };

const headerText = (value: string | string[] | undefined): string => (Array.isArray(value) ? value.join(', ') : (value ?? ''));

/** The model dict authentik's events middleware writes into `context.model` (`model_to_dict`). */
export interface AuditedModel {
  app: string;
  model_name: string;
  pk: string;
  name: string;
}

/**
 * The `model_updated` event authentik's events middleware records when a schedule is saved through the API
 * (Schedule is not an excluded model): `context.model` is the schedule's model dict, with its pk as
 * `UUID.hex` and its name `str(schedule)` = `Schedule <actor_name>:<uid>`.
 */
export function scheduleUpdatedEvent(schedule: ScheduleRecord, ctx: HandlerContext, now: Micros, fallbackBrand: Record<string, unknown>): EventRecord {
  const model = { app: 'authentik_tasks_schedules', model_name: 'schedule', pk: schedule.id.replaceAll('-', ''), name: `Schedule ${schedule.actor_name}:${uidOf(schedule)}` };
  return auditEvent('model_updated', model, ctx, now, fallbackBrand);
}

/**
 * The events authentik's events middleware records for a task the request saves (Task is not an excluded
 * model either; measured with authentik 2025.8.1's own code): `…/retry/` saves the row twice (the broker's
 * enqueue, then MessagesMiddleware's log), two `model_updated` with the message id as `UUID.hex`; `…/send/`
 * creates the task and saves it again, `model_created` then `model_updated`, with the message id as the
 * dramatiq message carries it (a dashed string, so `pk` keeps the dashes). `name` is `str(task)`, the dashed
 * id. The second event is one microsecond after the first (authentik's are a few milliseconds apart).
 */
export function taskAuditEvents(kind: 'retry' | 'send', messageId: string, ctx: HandlerContext, now: Micros, fallbackBrand: Record<string, unknown>): EventRecord[] {
  const model = { app: 'authentik_tasks', model_name: 'task', pk: kind === 'retry' ? messageId.replaceAll('-', '') : messageId, name: messageId };
  return [auditEvent(kind === 'retry' ? 'model_updated' : 'model_created', model, ctx, now, fallbackBrand), auditEvent('model_updated', model, ctx, now + 1, fallbackBrand)];
}

/**
 * One event of authentik's events middleware: `context.model` and `context.http_request` (the request,
 * `from_http`). The client address is the first X-Forwarded-For entry when it is an address, else loopback
 * (the mock's handlers do not see the socket); the request id is a new one.
 */
function auditEvent(action: 'model_created' | 'model_updated', model: AuditedModel, ctx: HandlerContext, now: Micros, fallbackBrand: Record<string, unknown>): EventRecord {
  const url = ctx.request.url;
  const at = url.indexOf('?');
  const forwarded = headerText(ctx.request.headers['x-forwarded-for']).split(',')[0]!.trim();
  const context = {
    model,
    http_request: {
      path: at === -1 ? url : url.slice(0, at),
      method: ctx.operation.method,
      args: Object.fromEntries(ctx.query),
      user_agent: headerText(ctx.request.headers['user-agent']),
      request_id: crypto.randomUUID().replaceAll('-', ''),
    },
  };
  return {
    pk: crypto.randomUUID(),
    user: toJsonbValue(TOKEN_OWNER),
    action,
    app: 'authentik.events.middleware',
    context: toJsonbValue(context),
    client_ip: toPostgresInet(forwarded) ?? '127.0.0.1',
    created: now,
    expires: now + EVENT_LIFETIME,
    brand: toJsonbValue(fallbackBrand),
  } as EventRecord;
}
