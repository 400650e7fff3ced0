import type { IHttpConfig, IHttpRequest, IHttpResponse } from '@stoplight/prism-http';
import type { IPrismOutput } from '@stoplight/prism-core';
import { detailError } from '../drf/api-error';
import type { OperationHandler } from '../registry/operation-registry';
import type { Log } from '../core/respond';
import type { OpenApiDocument } from '../openapi/spec-document';
import { toDrfError } from './drf-validation';
import { pinDiscriminators } from './pin-discriminators';
import { toPrismRequest } from './prism-request';

type PrismHttp = typeof import('@stoplight/prism-http');
type IHttpOperation = Awaited<ReturnType<PrismHttp['getHttpOperationsFromSpec']>>[number];

/** What the fallback needs of Prism, once it is loaded. */
interface LoadedPrism {
  operations: Map<string, IHttpOperation>;
  request(input: IHttpRequest, operation: IHttpOperation): Promise<{ _tag: 'Left'; left: Error } | { _tag: 'Right'; right: IPrismOutput<IHttpResponse> }>;
}

/** How Prism makes a body: from the schema's examples and defaults (static), or with faker (dynamic). */
export type FallbackMode = 'static' | 'dynamic';

export interface PrismFallback {
  /** Answers any operation of the full schema that has no handler of ours. */
  handle: OperationHandler;
  /**
   * Converts the schema into Prism's operations (about a second for authentik's, so the server starts
   * listening first); the first fallback request waits for it. Calling it again returns the same promise.
   */
  prepare(): Promise<void>;
}

/**
 * The fallback for the operations of a full authentik schema that the mock does not implement: Prism
 * validates the request and mocks the response from the schema. It runs behind the same pipeline as our
 * own operations (authentication, faults, journal, response validation), so it only makes the body.
 * Prism's own security check is off: authentication has already happened, the authentik way (403, never 401).
 */
export function createPrismFallback(spec: OpenApiDocument, options: { mode: FallbackMode; seed: number; log: Log }): PrismFallback {
  const config: IHttpConfig = {
    // JSON only: the pipeline has already answered 406 to an Accept without it.
    mock: { dynamic: options.mode === 'dynamic', seed: options.mode === 'dynamic' ? String(options.seed) : undefined, mediaTypes: ['application/json'] },
    checkSecurity: false,
    validateRequest: true,
    validateResponse: false,
    errors: false,
    upstreamProxy: undefined,
    isProxy: false,
  };
  let loaded: Promise<LoadedPrism> | undefined;
  // Prism is loaded here, not imported at the top: requiring it takes over half a second, which a
  // server started without --full-spec should not pay, and one started with it pays after listening.
  const prepare = () => {
    loaded ??= (async () => {
      const [http, core] = await Promise.all([import('@stoplight/prism-http'), import('@stoplight/prism-core')]);
      const prism = http.createInstance(config, { logger: core.createLogger('prism', { enabled: false }) });
      // Prism dereferences the document in place; pinDiscriminators gives it its own copy.
      const list = await http.getHttpOperationsFromSpec(pinDiscriminators(spec));
      return {
        operations: new Map(list.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op])),
        request: (input, operation) => prism.request(input, [operation], config)(),
      };
    })();
    return loaded;
  };

  return {
    prepare: () => prepare().then(() => undefined),
    async handle(ctx) {
      const prism = await prepare();
      const operation = prism.operations.get(`${ctx.operation.method} ${ctx.operation.path}`);
      if (!operation) throw new Error(`Prism has no operation ${ctx.operation.operationId}`);
      const input = await toPrismRequest(ctx);
      const result = await prism.request(input, operation);
      if (result._tag === 'Left') {
        const error = result.left as Error & { status?: number };
        options.log(`prism could not answer ${ctx.operation.operationId}: ${error.message}`);
        throw detailError(error.status ?? 500, `Prism could not mock this operation: ${error.message}`);
      }
      const problems = result.right.validations.input.filter((finding) => finding.severity === 0);
      const rejection = toDrfError(problems, input.url.query ?? {});
      if (rejection) throw rejection;
      const { statusCode, body } = result.right.output;
      // HTTP gives a 204 no body, even where the schema puts one on it.
      return { status: statusCode, body: statusCode === 204 ? undefined : body };
    },
  };
}
