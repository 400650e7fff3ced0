import request from 'supertest';
import { createMock, type AppOptions } from '../../src/app';
import { createFallbackBrand, seedStore } from '../../src/seed/seed-store';
import { contract } from './test-app';

/** The real mock with a handle on its runtime, journal and faults, strict validation on. */
export function createHarness(options: Partial<AppOptions> = {}) {
  const fallbackBrand = createFallbackBrand(1);
  const logs: string[] = [];
  const mock = createMock({
    store: seedStore({ seed: 1, tasks: 22, events: 40 }, fallbackBrand),
    contract,
    fallbackBrand,
    log: (line) => logs.push(line),
    options: { validateResponses: 'strict', tokenPolicy: { mode: 'any' }, bodyLimit: 1024 * 1024, scenario: 'seed 1', ...options },
  });
  return { ...mock, logs, http: request(mock.app) };
}
