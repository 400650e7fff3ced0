import { createLogger } from '@stoplight/prism-core';
import { createInstance, getHttpOperationsFromSpec, type IHttpConfig } from '@stoplight/prism-http';
import { detailError } from '../http/api-error';
import type { OperationHandler } from '../http/api-pipeline';
import type { Log } from '../http/respond';
import type { OpenApiDocument } from '../openapi/load-spec';
import { toDrfError } from './drf-validation';
import { toPrismRequest } from './prism-request';

type IHttpOperation = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>[number];

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
  const prism = createInstance(config, { logger: createLogger('prism', { enabled: false }) });
  let operations: Promise<Map<string, IHttpOperation>> | undefined;
  const prepare = () => {
    // Prism dereferences the document in place, so it gets its own copy.
    operations ??= getHttpOperationsFromSpec(structuredClone(spec)).then((list) => new Map(list.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op])));
    return operations;
  };

  return {
    prepare: () => prepare().then(() => undefined),
    async handle(ctx) {
      const operation = (await prepare()).get(`${ctx.operation.method} ${ctx.operation.path}`);
      if (!operation) throw new Error(`Prism has no operation ${ctx.operation.operationId}`);
      const input = await toPrismRequest(ctx);
      const result = await prism.request(input, [operation], config)();
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
