import type { MockOptions } from '../config/mock-options';
import { createMockMiddleware, type MockMiddleware } from './connect-middleware';

/** What the plugin needs of Vite's dev and preview servers (typed here so that vite is not a dependency). */
interface ServerWithMiddlewares {
  middlewares: { use(middleware: MockMiddleware): unknown };
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
    middleware ??= createMockMiddleware(options);
    server.middlewares.use(middleware);
  };
  return { name: 'authentik-events-mock', configureServer: mount, configurePreviewServer: mount };
}
