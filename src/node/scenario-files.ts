import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Contract } from '../openapi/contract';
import { buildState, ScenarioError, type MockState, type ScenarioCatalogue, type ScenarioData } from '../seed/scenario';

export const FIXTURES_DIR = [join(__dirname, '..', '..', 'fixtures'), join(__dirname, '..', '..', '..', 'fixtures')].find((dir) => existsSync(dir)) ?? join(__dirname, '..', '..', 'fixtures');

/** `large` means fixtures/large.json; anything with a slash or `.json` is a path. */
export function resolveScenarioPath(nameOrPath: string): string {
  return nameOrPath.includes('/') || nameOrPath.endsWith('.json') ? nameOrPath : join(FIXTURES_DIR, `${nameOrPath}.json`);
}

export function listScenarios(): Array<{ name: string; description: string; path: string }> {
  return readdirSync(FIXTURES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const path = join(FIXTURES_DIR, file);
      let description = '';
      try {
        description = String((JSON.parse(readFileSync(path, 'utf8')) as ScenarioData).description ?? '');
      } catch {
        description = '(unreadable)';
      }
      return { name: basename(file, '.json'), description, path };
    });
}

export function readScenarioFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScenarioError(path, '', `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(path, '', `not valid JSON: ${(error as Error).message}`);
  }
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
    if (!listScenarios().some((s) => s.name === name)) return undefined;
    const path = resolveScenarioPath(name);
    return { source: path, data: readScenarioFile(path) };
  },
};
