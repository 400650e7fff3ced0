import type { MockOptions } from '../config/mock-options';
import { createMockMiddleware, describeMock, type MockMiddleware } from './connect-middleware';

/** What the plugin needs of Vite's dev and preview servers (typed here so that vite is not a dependency). */
interface ServerWithMiddlewares {
  middlewares: { use(middleware: MockMiddleware): unknown };
  /** Absent in middleware mode, where Vite does not listen itself. */
  httpServer?: { once(event: 'listening', listener: () => void): unknown; address(): unknown } | null;
  config?: { logger?: { info(message: string): void }; server?: { https?: unknown }; preview?: { https?: unknown } };
}

/** A Vite plugin, structurally: Vite calls these hooks by name. */
export interface AuthentikMockPlugin {
  name: string;
  configureServer(server: ServerWithMiddlewares): void;
  configurePreviewServer(server: ServerWithMiddlewares): void;
}

/**
 * Mounts the mock in `vite dev` and `vite preview`, before Vite's own middlewares (so its SPA fallback
 * never answers `/api/v3/…`). One mock serves both, built when the first server starts.
 */
export function authentikMock(options: MockOptions = {}): AuthentikMockPlugin {
  let middleware: MockMiddleware | undefined;
  const mount = (server: ServerWithMiddlewares) => {
    // Through Vite's logger, so that the lines sit with Vite's own (and honour its --logLevel).
    const logger = server.config?.logger;
    const info = logger ? (line: string) => logger.info(line) : undefined;
    middleware ??= createMockMiddleware(options, { info, announce: false });
    server.middlewares.use(middleware);
    const say = info ?? ((line: string) => console.log(line));
    server.httpServer?.once('listening', () => {
      const address = server.httpServer?.address() as { port?: number } | null;
      const scheme = server.config?.server?.https || server.config?.preview?.https ? 'https' : 'http';
      const origin = address?.port ? `${scheme}://localhost:${address.port}` : '';
      say(`authentik-events-mock: ${describeMock(middleware!.mock.runtime.scenario, middleware!.mock.runtime.store, middleware!.mock.version)}; API ${origin}/api/v3, dashboard ${origin}/__mock__/`);
    });
  };
  return { name: 'authentik-events-mock', configureServer: mount, configurePreviewServer: mount };
}
