/** `authentik-events-mock/vite`: a Vite plugin that mounts the mock in `vite dev` and `vite preview`. */
export { authentikMock, type AuthentikMockPlugin } from './hosts/vite-plugin';
export type { MockOptions } from './config/mock-options';
