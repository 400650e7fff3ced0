#!/usr/bin/env node
import type { Server } from 'node:http';
import { createMock } from './hosts/express-app';
import { describeMock } from './hosts/connect-middleware';
import { exposureWarning } from './core/admin-guard';
import { ConfigError, HelpRequested, parseConfig, usage } from './config/config';
import { saveState } from './hosts/start-mock';
import { createLineWriter } from './node/line-writer';
import { listenError } from './node/listen-error';
import { prepareMock } from './node/prepare-mock';
import { readPackageJson } from './node/package-json';
import { createRequestLogger } from './node/request-log';
import { runRecordCommand } from './record/record-command';
import { runVerifyCommand } from './verify/verify-command';
import type { Contract } from './openapi/contract';
import { listOperations } from './openapi/operations';
import { SpecError, type OpenApiDocument } from './openapi/spec-document';
import { ScenarioError } from './seed/scenario';

/** The `authentik-events-mock` command (and `npm start`): flags → a mock listening on a port, until SIGINT/SIGTERM. */
function main(): void {
  if (process.argv.slice(2).includes('--version')) {
    console.log(readPackageJson().version);
    process.exit(0);
  }
  const config = parseConfig(process.argv.slice(2), process.env);
  const prepared = prepareMock(config, { onRequest: config.quiet ? undefined : createRequestLogger(config.logFormat, createLineWriter(process.stdout).write), listenHost: config.host });
  const { state, full, fallback, contract } = prepared;
  const mock = createMock(prepared.deps);
  const server: Server = mock.app.listen(config.port, config.host);
  server.on('error', (error: NodeJS.ErrnoException) => fail(listenError(config.host, config.port, error).message));
  server.on('listening', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const policy = mock.runtime.access.policy;
    const tokens = policy.mode === 'any' ? 'any non-empty bearer token' : `${policy.tokens.size} configured token(s)`;
    // The dashboard shows the same line (GET /__mock__/overview).
    const exposed = exposureWarning(config.host, config.adminToken);
    // One write, so that whoever waits for the banner reads it whole.
    console.log(
      `authentik events mock listening on http://${config.host}:${port}/api/v3\n` +
        `  ${describeMock(state.name, state.store, prepared.version)}; tokens: ${tokens}; response validation: ${config.validateResponses}\n` +
        `  admin API: http://${config.host}:${port}/__mock__/${config.adminToken ? ' (bearer token required)' : ''}${config.stateFile ? `; state file: ${config.stateFile}` : ''}` +
        (full && fallback ? `\n  full schema: ${full.path}: ${describeCoverage(full.spec, contract)}; Prism answers with ${config.fallbackMode} bodies` : '') +
        (full && config.upstream ? `\n  upstream: ${config.upstream.url} answers ${config.upstream.proxy ? 'every API request (--proxy)' : 'what the mock does not implement'}; answers checked against ${full.path}` : '') +
        (exposed ? `\n  ${exposed}` : ''),
    );
    // Prism is loaded once the server listens, so that start-up does not wait for it (about 1.3 s for
    // authentik's schema); requests that arrive meanwhile wait, and the first answer comes soon after.
    fallback?.prepare().catch((error: Error) => fail(`${full?.path}: Prism cannot read the schema: ${error.message}`));
  });
  const stop = () => {
    if (config.stateFile) saveState(config.stateFile, mock);
    // Requests in flight finish; open journal streams (a dashboard tab) are ended, or close would wait on them.
    mock.close();
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** `875 operations, 9 served by the mock` */
function describeCoverage(full: OpenApiDocument, own: Contract): string {
  const ids = new Set(listOperations(own.spec).map((op) => op.operationId));
  const operations = listOperations(full);
  return `${operations.length} operations, ${operations.filter((op) => ids.has(op.operationId)).length} served by the mock`;
}

function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(1);
}

if (process.argv[2] === 'record') {
  // `authentik-events-mock record …`: a recording of a real authentik, not a server (src/record/).
  // exitCode, not exit(): a scenario written to a pipe must be flushed first.
  void runRecordCommand(process.argv.slice(3), process.env).then((code) => {
    process.exitCode = code;
  });
} else if (process.argv[2] === 'verify') {
  // `authentik-events-mock verify …`: the mock compared with a real authentik, not a server (src/verify/).
  void runVerifyCommand(process.argv.slice(3), process.env).then((code) => {
    process.exitCode = code;
  });
} else {
  try {
    main();
  } catch (error) {
    if (error instanceof HelpRequested) {
      console.log(usage());
      process.exit(0);
    }
    if (error instanceof ConfigError || error instanceof SpecError || error instanceof ScenarioError) fail(error.message);
    throw error;
  }
}
