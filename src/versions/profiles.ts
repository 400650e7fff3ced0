import { AUTHENTIK_2024_8 } from './authentik-2024-8';
import { AUTHENTIK_2025_8 } from './authentik-2025-8';
import { DEFAULT_AUTHENTIK_VERSION, type AuthentikVersion } from './version-names';
import type { VersionProfile } from './version-profile';

/** Every version the mock can be. A new version is a profile added here (decision 025). */
export const PROFILES: Readonly<Record<AuthentikVersion, VersionProfile>> = { '2024.8': AUTHENTIK_2024_8, '2025.8': AUTHENTIK_2025_8 };

export function profileFor(version: AuthentikVersion = DEFAULT_AUTHENTIK_VERSION): VersionProfile {
  return PROFILES[version];
}
