import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMock } from './express-app';
import { createMockAdmin, type MockAdmin } from '../core/admin-client';
import type { MockCore } from '../core/create-core';
import { configFromOptions, type MockOptions } from '../config/mock-options';
import { listenError } from '../node/listen-error';
import { prepareMock } from '../node/prepare-mock';

/** A mock listening on a port, as `startMock` returns it. */
export interface RunningMock {
  /** The origin: `http://127.0.0.1:41234`. */
  url: string;
  /** authentik's API base, as `@goauthentik/api` takes it for `basePath` (no trailing slash): `http://127.0.0.1:41234/api/v3`. */
  apiUrl: string;
  port: number;
  /** The admin API as methods: reset, scenarios, state, requests, faults. */
  admin: MockAdmin;
  /** Stops listening (and writes the state file, if one was named). */
  close(): Promise<void>;
}

/**
 * Starts a mock on a free port (or `options.port`), for a test runner's global setup. Several mocks in one
 * process keep separate state. A bad option, spec or scenario rejects with the CLI's one-line message.
 */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const config = configFromOptions(options, { port: 0 });
  const prepared = prepareMock(config, { scenarioData: typeof options.scenario === 'object' ? options.scenario : undefined, listenHost: config.host });
  const mock = createMock(prepared.deps);
  const server = createServer(mock.app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(config.host, config.port, error)));
    server.listen(config.port, config.host, () => resolve());
  });
  // Prism, when a full schema is served, loads after listening; the first request waits for it.
  prepared.fallback?.prepare().catch((error: Error) => console.error(`${prepared.full?.path}: Prism cannot read the schema: ${error.message}`));
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  return {
    url,
    apiUrl: `${url}/api/v3`,
    port,
    admin: createMockAdmin(mock.handle, config.adminToken),
    close: () =>
      closeServer(server, () => {
        if (config.stateFile) saveState(config.stateFile, mock);
        // Open journal streams (a dashboard tab) end, or the server would wait on them forever.
        mock.close();
      }),
  };
}

/** Writes the running state where `--state-file` names it, as a scenario that loads back unchanged. */
export function saveState(path: string, mock: Pick<MockCore, 'runtime' | 'exportState'>): void {
  // The admin API's writer: float literals, big ints and key order as stored, so the file loads back exactly.
  writeFileSync(path, mock.exportState(`state saved at shutdown (scenario ${mock.runtime.scenario})`));
}

function closeServer(server: Server, beforeClose: () => unknown): Promise<void> {
  beforeClose();
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive connections would hold close() open until they time out.
    server.closeIdleConnections();
  });
}
