import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'js-yaml';
import { ConfigError } from '../config/config';
import { nearestName } from '../config/nearest-name';
import { parseScenarioJson } from '../seed/scenario-json';
import type { Contract } from '../openapi/contract';
import { profileFor } from '../versions/profiles';
import type { VersionProfile } from '../versions/version-profile';
import { buildState, ScenarioError, type MockState, type ScenarioCatalogue, type ScenarioData } from '../seed/scenario';

export const FIXTURES_DIR = [join(__dirname, '..', '..', 'fixtures'), join(__dirname, '..', '..', '..', 'fixtures')].find((dir) => existsSync(dir)) ?? join(__dirname, '..', '..', 'fixtures');

/** A version's scenarios: fixtures/ for 2024.8, fixtures/2025.8/ for 2025.8. */
export function fixturesDir(version: VersionProfile = profileFor()): string {
  return version.fixturesFolder === '' ? FIXTURES_DIR : join(FIXTURES_DIR, version.fixturesFolder);
}

const SCENARIO_FILE = /\.(json|ya?ml)$/;

/** A path (it has a slash or a scenario file's extension), or the name of a scenario in fixtures/. */
const isPath = (nameOrPath: string) => nameOrPath.includes('/') || SCENARIO_FILE.test(nameOrPath);

/**
 * `large` means fixtures/large.json; anything with a slash, `.json`, `.yaml` or `.yml` is a path.
 * A name fixtures/ lacks stops with the names it has.
 */
export function resolveScenarioPath(nameOrPath: string, version: VersionProfile = profileFor()): string {
  if (isPath(nameOrPath)) return nameOrPath;
  const path = fixturePath(nameOrPath, version);
  if (path) return path;
  const names = fixtureNames(version);
  const near = nearestName(nameOrPath, names);
  throw new ConfigError(`--scenario: no scenario named "${nameOrPath}" in ${fixturesDir(version)}${near ? ` (did you mean ${near}?)` : ''}; known: ${names.join(', ')}; or give a path to a .json or .yaml file`);
}

/** The scenarios fixtures/ ships, by name: JSON files only, as the browser hosts bundle them (YAML is for your own paths). */
function fixtureNames(version: VersionProfile): string[] {
  return readdirSync(fixturesDir(version))
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => file.slice(0, -'.json'.length));
}

/** fixtures/NAME.json when NAME is one of fixtures/' scenarios (a URL's name never reaches another file). */
function fixturePath(name: string, version: VersionProfile): string | undefined {
  return fixtureNames(version).includes(name) ? join(fixturesDir(version), `${name}.json`) : undefined;
}

export function listScenarios(version: VersionProfile = profileFor()): Array<{ name: string; description: string; path: string }> {
  return fixtureNames(version).map((name) => {
    const path = join(fixturesDir(version), `${name}.json`);
    let description = '';
    try {
      // Only the description is wanted: plain JSON.parse, not the exact reading a load needs.
      description = String((JSON.parse(readFileSync(path, 'utf8')) as ScenarioData).description ?? '');
    } catch {
      description = '(unreadable)';
    }
    return { name, description, path };
  });
}

/** JSON, or YAML for .yaml/.yml (YAML 1.2's core types: a timestamp stays the string the API gives). */
function parseScenarioText(path: string, text: string, yaml: boolean, version: VersionProfile): unknown {
  try {
    return yaml ? YAML.load(text, { schema: YAML.CORE_SCHEMA, filename: path }) : parseScenarioJson(text, version.tables);
  } catch (error) {
    // js-yaml's message repeats the file name and quotes the lines; its first line says what and where.
    const message = yaml ? (error as Error).message.replace(`in "${path}" `, '').split('\n')[0]! : (error as Error).message;
    throw new ScenarioError(path, '', `not valid ${yaml ? 'YAML' : 'JSON'}: ${message}`);
  }
}

/** A scenario file's data: YAML for .yaml/.yml unless `asJson` (a state file, which the mock writes as JSON). */
export function readScenarioFile(path: string, asJson = false, version: VersionProfile = profileFor()): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScenarioError(path, '', `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseScenarioText(path, text, !asJson && /\.ya?ml$/.test(path), version);
}

/** Reads, validates and builds a `--state-file` by its path (never a fixtures/ name), as JSON. */
export function loadStateFile(path: string, contract: Contract, fallbackBrand: Record<string, unknown>, version: VersionProfile = profileFor()): MockState {
  return { ...buildState(path, readScenarioFile(path, true, version), contract, fallbackBrand, version), name: path };
}

/** Reads, validates and builds a scenario by name (fixtures/NAME.json) or path. */
export function loadScenario(nameOrPath: string, contract: Contract, fallbackBrand: Record<string, unknown>, version: VersionProfile = profileFor()): MockState {
  const path = resolveScenarioPath(nameOrPath, version);
  return { ...buildState(path, readScenarioFile(path, false, version), contract, fallbackBrand, version), name: nameOrPath };
}

/** A version's scenarios in fixtures/, read from disk when asked, so that a file edited while the mock runs is seen. */
export function fixturesCatalogue(version: VersionProfile = profileFor()): ScenarioCatalogue {
  return {
    list: () => listScenarios(version),
    read(name) {
      const path = fixturePath(name, version);
      return path === undefined ? undefined : { source: path, data: readScenarioFile(path, false, version) };
    },
  };
}
