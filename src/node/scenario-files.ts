import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'js-yaml';
import { ConfigError } from '../config/config';
import { nearestName } from '../config/nearest-name';
import { parseScenarioJson } from '../seed/scenario-json';
import type { Contract } from '../openapi/contract';
import { buildState, ScenarioError, type MockState, type ScenarioCatalogue, type ScenarioData } from '../seed/scenario';

export const FIXTURES_DIR = [join(__dirname, '..', '..', 'fixtures'), join(__dirname, '..', '..', '..', 'fixtures')].find((dir) => existsSync(dir)) ?? join(__dirname, '..', '..', 'fixtures');

const SCENARIO_FILE = /\.(json|ya?ml)$/;

/** A path (it has a slash or a scenario file's extension), or the name of a scenario in fixtures/. */
const isPath = (nameOrPath: string) => nameOrPath.includes('/') || SCENARIO_FILE.test(nameOrPath);

/**
 * `large` means fixtures/large.json; anything with a slash, `.json`, `.yaml` or `.yml` is a path.
 * A name fixtures/ lacks stops with the names it has.
 */
export function resolveScenarioPath(nameOrPath: string): string {
  if (isPath(nameOrPath)) return nameOrPath;
  const known = listScenarios();
  const found = known.find((scenario) => scenario.name === nameOrPath);
  if (found) return found.path;
  const names = known.map((scenario) => scenario.name);
  const near = nearestName(nameOrPath, names);
  throw new ConfigError(`--scenario: no scenario named "${nameOrPath}" in ${FIXTURES_DIR}${near ? ` (did you mean ${near}?)` : ''}; known: ${names.join(', ')}; or give a path to a .json or .yaml file`);
}

/** The scenarios fixtures/ ships: JSON files only, as the browser hosts bundle them (YAML is for your own paths). */
export function listScenarios(): Array<{ name: string; description: string; path: string }> {
  return readdirSync(FIXTURES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const path = join(FIXTURES_DIR, file);
      let description = '';
      try {
        description = String((readScenarioFile(path) as ScenarioData).description ?? '');
      } catch {
        description = '(unreadable)';
      }
      return { name: file.slice(0, -'.json'.length), description, path };
    });
}

/** JSON, or YAML for .yaml/.yml (YAML 1.2's core types: a timestamp stays the string the API gives). */
function parseScenarioText(path: string, text: string, yaml: boolean): unknown {
  try {
    return yaml ? YAML.load(text, { schema: YAML.CORE_SCHEMA, filename: path }) : parseScenarioJson(text);
  } catch (error) {
    // js-yaml's message repeats the file name and quotes the lines; its first line says what and where.
    const message = yaml ? (error as Error).message.replace(`in "${path}" `, '').split('\n')[0]! : (error as Error).message;
    throw new ScenarioError(path, '', `not valid ${yaml ? 'YAML' : 'JSON'}: ${message}`);
  }
}

/** A scenario file's data: YAML for .yaml/.yml unless `asJson` (a state file, which the mock writes as JSON). */
export function readScenarioFile(path: string, asJson = false): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScenarioError(path, '', `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseScenarioText(path, text, !asJson && /\.ya?ml$/.test(path));
}

/** Reads, validates and builds a `--state-file` by its path (never a fixtures/ name), as JSON. */
export function loadStateFile(path: string, contract: Contract, fallbackBrand: Record<string, unknown>): MockState {
  return { ...buildState(path, readScenarioFile(path, true), contract, fallbackBrand), name: path };
}

/** Reads, validates and builds a scenario by name (fixtures/NAME.json) or path. */
export function loadScenario(nameOrPath: string, contract: Contract, fallbackBrand: Record<string, unknown>): MockState {
  const path = resolveScenarioPath(nameOrPath);
  return { ...buildState(path, readScenarioFile(path), contract, fallbackBrand), name: nameOrPath };
}


/** The scenarios of fixtures/, read from disk when asked, so that a file edited while the mock runs is seen. */
export const fixturesCatalogue: ScenarioCatalogue = {
  list: listScenarios,
  read(name) {
    const found = listScenarios().find((scenario) => scenario.name === name);
    return found && { source: found.path, data: readScenarioFile(found.path) };
  },
};
