import type { Server } from 'node:http';
import { createApp } from './app';
import { ConfigError, parseConfig } from './config';
import { createContract } from './openapi/contract';
import { findSpecPath, loadSpec, SpecError } from './openapi/load-spec';
import { createFallbackBrand, seedStore } from './seed/seed-store';

/** Parses flags, builds the app over a seeded store, listens, and shuts down cleanly on SIGINT/SIGTERM. */
function main(): void {
  const config = parseConfig(process.argv.slice(2), process.env);
  const specPath = findSpecPath();
  let contract;
  try {
    contract = createContract(loadSpec(specPath));
  } catch (error) {
    if (error instanceof SpecError) throw error;
    // ajv compiles every schema here, so a schema it rejects stops start-up with the rule it broke.
    throw new SpecError(`${specPath}: ${(error as Error).message}`);
  }
  const fallbackBrand = createFallbackBrand(config.seed);
  const store = seedStore({ seed: config.seed, tasks: config.tasks, events: config.events }, fallbackBrand);
  const app = createApp({
    store,
    contract,
    fallbackBrand,
    options: { validateResponses: config.validateResponses, tokenPolicy: config.tokenPolicy, corsOrigins: config.corsOrigins, bodyLimit: config.bodyLimit },
  });
  const server: Server = app.listen(config.port, config.host);
  server.on('error', (error: NodeJS.ErrnoException) => {
    const reason = error.code === 'EADDRINUSE' ? 'the port is already in use' : error.message;
    fail(`cannot listen on ${config.host}:${config.port}: ${reason}`);
  });
  server.on('listening', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const tokens = config.tokenPolicy.mode === 'any' ? 'any non-empty bearer token' : `${config.tokenPolicy.tokens.size} configured token(s)`;
    // One write, so that whoever waits for the banner reads it whole.
    console.log(
      `authentik events mock listening on http://${config.host}:${port}/api/v3/\n` +
        `  seed ${config.seed}: ${store.systemTasks.size} system tasks, ${store.events.size} events; tokens: ${tokens}; response validation: ${config.validateResponses}`,
    );
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(1);
}

try {
  main();
} catch (error) {
  if (error instanceof ConfigError || error instanceof SpecError) fail(error.message);
  throw error;
}
