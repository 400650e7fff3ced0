import type { Principal, Permission } from '../auth/authenticate';
import type { Drf } from '../drf/drf-rules';
import type { Query } from '../drf/query';
import type { Operation } from '../openapi/operations';
import type { OpenApiDocument } from '../openapi/spec-document';
import type { Store } from '../store/store';
import type { Clock } from '../time/clock';

/** Header values as Node delivers them: names in lower case, a repeated header as a list. */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** What an operation's handler gets: the request parsed, authenticated, routed and permitted. */
export interface HandlerContext {
  operation: Operation;
  /** Path parameters as sent (percent-decoded), e.g. `{ event_uuid: 'qwerqwer' }`. */
  params: Record<string, string>;
  query: Query;
  /** undefined only on operations that allow anonymous access (`security: [{}]` in the spec). */
  principal: Principal | undefined;
  /** The request as sent, for the Prism fallback, which reads headers and repeated query parameters itself. */
  request: { url: string; headers: RequestHeaders; raw(): Promise<Uint8Array | undefined> };
  /** Parses the body on first call, like DRF's lazy `request.data`; undefined for an empty body. */
  body(): unknown;
  /** The version's DRF rules, on authentik's API (not on the admin API). */
  drf?: Drf;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  /** Why this answer is not checked against the spec, where authentik's answer is not what it documents. */
  outsideContract?: string;
  /** A streamed answer (the journal's server-sent events), sent as it comes and outside JSON validation. */
  stream?: StreamBody;
  /** A `Set-Cookie` value, where authentik's answer stores something in the session (a task run). */
  setCookie?: string;
}

/** A body that is not JSON and is written chunk by chunk: its media type and its chunks. */
export interface StreamBody {
  contentType: string;
  chunks: AsyncIterable<string>;
}

type Answer = HandlerResult | Promise<HandlerResult>;

/** A handler that needs no lookup: list operations, the admin API, the Prism fallback. */
export type OperationHandler = (ctx: HandlerContext) => Answer;

interface EntryBase {
  /** DRF's view name, which OPTIONS metadata reports (`Event List`); defaults to the path template. */
  viewName?: string;
  /**
   * A global permission that authentik's `permission_required` decorator checks before anything else
   * (its view sets `permission_classes=[]`); without credentials DRF answers `…not provided.` there.
   */
  decoratorPermission?: Permission;
  /**
   * Filter backends that run before the permission filter (2025.8's QLSearch is the first one): their 400
   * or crash comes before the 403 of a caller without the view permission, on list and detail URLs alike.
   * The pipeline calls it after authentication and the method check, before any view-permission check.
   */
  beforePermissions?(ctx: HandlerContext): void;
  /**
   * The serializer's fields as an OPTIONS answer's `actions` block describes them for this method, when they
   * are known from authentik's answers rather than derived from the schema (2025.8's Task and Schedule).
   */
  serializerFields?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** An operation on a list URL (or one without a lookup): its permission is checked before the handler. */
export interface ListEntry extends EntryBase {
  detail?: false;
  /** The model permission DRF's perms_map gives the method (`view_event`…); none for fallback operations. */
  permission?: Permission;
  /**
   * The viewset's model (`event`), for a route whose GET checks no permission (the events list actions):
   * DRF's permission class still maps a method the route does not allow to that model's permission, and
   * refuses it with 403 before the 405 (measured: `PUT …/top_per_user/` as a viewer is 403).
   */
  model?: string;
  /**
   * The permission is the view's `HasPermission(...)`, the same for every method (2025.8's WorkerView), not a
   * model permission that DRF's perms_map varies by method: a POST with it passes to the 405.
   */
  anyMethod?: boolean;
  handle(ctx: HandlerContext): Answer;
}

/**
 * An operation on a detail URL. The pipeline checks the model's view permission, calls `lookup` (whose
 * miss is a 404), checks `permission` on the object found and only then calls `handle`: a handler cannot
 * forget the object permission, and a missing object is a 404 before any change permission is asked.
 */
export interface DetailEntry<T = unknown> extends EntryBase {
  detail: true;
  permission?: Permission;
  lookup(ctx: HandlerContext): T;
  handle(ctx: HandlerContext, found: T): Answer;
}

export type OperationEntry = ListEntry | DetailEntry<never>;

/** One entry per operationId, kept in the resource folder that implements it. */
export type OperationRegistry = Readonly<Record<string, OperationEntry>>;

/** Types a detail entry whose `lookup` result flows into `handle`. */
export function detailEntry<T>(entry: DetailEntry<T>): OperationEntry {
  return entry as unknown as OperationEntry;
}

/**
 * What a resource's operations are built from, in every version: the version's own spec (authentik's part),
 * the store, the clock, the fallback brand and the version's DRF rules. A resource reads what differs from
 * these and from the options its version profile passes; it never asks which version runs.
 */
export interface ResourceDeps {
  spec: OpenApiDocument;
  store: Store;
  clock: Clock;
  /** The brand authentik records when a request names none: its fallback brand, as a model dict. */
  fallbackBrand: Record<string, unknown>;
  drf: Drf;
}
