import type { Express } from 'express';
import type { AddressInfo } from 'node:net';

/** Listens on a free loopback port; returns the API base URL and a way to stop. */
export async function serve(app: Express): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v3`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
