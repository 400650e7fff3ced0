import { existsSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createMock } from './app';
import { ConfigError, parseConfig } from './config';
import { loadContract, type Contract } from './openapi/contract';
import { createPrismFallback } from './fallback/prism-fallback';
import { loadFullSpec } from './openapi/full-spec';
import { findSpecPath, SpecError, type OpenApiDocument } from './openapi/load-spec';
import { listOperations } from './openapi/operations';
import { loadScenario, ScenarioError, toScenario, type MockState } from './seed/scenario';
import { createFallbackBrand, seedStore } from './seed/seed-store';

/** Parses flags, builds the app over a seeded or scenario store, listens, and shuts down cleanly on SIGINT/SIGTERM. */
function main(): void {
  const config = parseConfig(process.argv.slice(2), process.env);
  let contract: Contract;
  try {
    contract = loadContract();
  } catch (error) {
    if (error instanceof SpecError) throw error;
    // ajv compiles every schema here, so a schema it rejects stops start-up with the rule it broke.
    throw new SpecError(`${findSpecPath()}: ${(error as Error).message}`);
  }
  const full = config.fullSpec === undefined ? undefined : loadFullSpec(config.fullSpec);
  const fallback = full && createPrismFallback(full.spec, { mode: config.fallbackMode, seed: config.seed, log: (line) => console.error(line) });
  const fallbackBrand = createFallbackBrand(config.seed);
  // A state file that exists wins: it holds the situation prepared before the last shutdown.
  const source = config.stateFile !== undefined && existsSync(config.stateFile) ? config.stateFile : config.scenario;
  const state: MockState = source
    ? loadScenario(source, contract, fallbackBrand)
    : { name: `seed ${config.seed}`, store: seedStore({ seed: config.seed, tasks: config.tasks, events: config.events }, fallbackBrand) };
  const { app, runtime } = createMock({
    store: state.store,
    contract,
    fullSpec: full && fallback && { contract: full.contract, fallback },
    fallbackBrand,
    options: {
      validateResponses: config.validateResponses,
      tokenPolicy: config.tokenPolicy,
      scenarioTokens: state.tokens,
      corsOrigins: config.corsOrigins,
      bodyLimit: config.bodyLimit,
      adminToken: config.adminToken,
      latency: config.latency,
      seed: config.seed,
      scenario: state.name,
    },
  });
  const server: Server = app.listen(config.port, config.host);
  server.on('error', (error: NodeJS.ErrnoException) => {
    const reason = error.code === 'EADDRINUSE' ? 'the port is already in use' : error.message;
    fail(`cannot listen on ${config.host}:${config.port}: ${reason}`);
  });
  server.on('listening', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const policy = runtime.access.policy;
    const tokens = policy.mode === 'any' ? 'any non-empty bearer token' : `${policy.tokens.size} configured token(s)`;
    // One write, so that whoever waits for the banner reads it whole.
    console.log(
      `authentik events mock listening on http://${config.host}:${port}/api/v3/\n` +
        `  ${state.name}: ${state.store.systemTasks.size} system tasks, ${state.store.events.size} events; tokens: ${tokens}; response validation: ${config.validateResponses}\n` +
        `  admin API: http://${config.host}:${port}/__mock__/${config.adminToken ? ' (bearer token required)' : ''}${config.stateFile ? `; state file: ${config.stateFile}` : ''}` +
        (full ? `\n  full schema: ${full.path}: ${describeCoverage(full.spec, contract)}; Prism answers with ${config.fallbackMode} bodies` : ''),
    );
    // Prism is loaded once the server listens, so that start-up does not wait for it (about 1.3 s for
    // authentik's schema); requests that arrive meanwhile wait, and the first answer comes soon after.
    fallback?.prepare().catch((error: Error) => fail(`${config.fullSpec}: Prism cannot read the schema: ${error.message}`));
  });
  const stop = () => {
    if (config.stateFile) writeFileSync(config.stateFile, JSON.stringify(toScenario(runtime.store, runtime.access.policy, `state saved at shutdown (scenario ${runtime.scenario})`), null, 1));
    server.close(() => process.exit(0));
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

try {
  main();
} catch (error) {
  if (error instanceof ConfigError || error instanceof SpecError || error instanceof ScenarioError) fail(error.message);
  throw error;
}
