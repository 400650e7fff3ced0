import type { DrfRules } from '../drf/drf-rules';
import type { OmittedFields } from '../openapi/spec-document';
import type { BehaviourNotes } from './behaviour-notes-2025.8';
import type { OperationRegistry, ResourceDeps } from '../registry/operation-registry';
import type { StateTable } from '../store/state-table';
import type { Store } from '../store/store';
import type { AuthentikVersion } from './version-names';

/**
 * One authentik version as data (decision 025): its release, the DRF rules of the libraries it pins, the
 * resources its API has and how they are configured, and its seed. Everything version-specific hangs off a
 * profile; the core, the hosts and the handlers take the profile they are given.
 */
export interface VersionProfile {
  name: AuthentikVersion;
  /** The release the profile was measured on, which `info.version` of its spec names. */
  release: string;
  drf: DrfRules;
  /** Its part of authentik's schema, in `spec/`: what it routes, checks and generates types from. */
  specFile: string;
  /** Required fields authentik's server leaves out (its own schema break): the mock validates as it serves. */
  omittedFields: readonly OmittedFields[];
  /** authentik's whole schema of the release, in `reference/`, which `--full-spec` with no path serves. */
  fullSchemaFile: string;
  /** Every operation of the version's spec, keyed by operationId: the shared resources, configured for it. */
  createOperations(deps: ResourceDeps): OperationRegistry;
  /** The store's tables this version has, in the order a state export writes them. */
  tables: readonly StateTable[];
  /** A store filled with realistic rows of this version's tables; pure given the options (and the day). */
  seed(options: VersionSeedOptions, fallbackBrand: Record<string, unknown>): Store;
  /** The folder under `fixtures/` holding its scenarios (`` for 2024.8, the first version). */
  fixturesFolder: string;
  /**
   * What changed on the way to this version from the one before it that no spec shows (upgrade-check),
   * absent for the first version.
   */
  changesFromPrevious?: BehaviourNotes;
  /** The contract suite's baseline of findings against this version's real server. */
  baseline: string;
}

export interface VersionSeedOptions {
  seed: number;
  /** Tasks of the version's task table (system tasks in 2024.8, Dramatiq tasks in 2025.8). */
  tasks: number;
  events: number;
  /** The moment seed data is generated before; by default the start of the current UTC day. */
  reference?: number;
}
