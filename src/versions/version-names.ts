/** The authentik versions the mock can be: `--authentik-version`, `authentikVersion`. */
export const AUTHENTIK_VERSIONS = ['2024.8', '2025.8'] as const;
export type AuthentikVersion = (typeof AUTHENTIK_VERSIONS)[number];

/** The version this project started from; the default, so that nothing changes for those who name none. */
export const DEFAULT_AUTHENTIK_VERSION: AuthentikVersion = '2024.8';

export function isAuthentikVersion(value: unknown): value is AuthentikVersion {
  return typeof value === 'string' && (AUTHENTIK_VERSIONS as readonly string[]).includes(value);
}
