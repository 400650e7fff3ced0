import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SPEC_DIR } from './spec-files';

/** This package's package.json, found beside spec/ (the same whether the code runs from src/ or dist/src/). */
export function readPackageJson(): { version: string; peerDependencies: Record<string, string> } {
  return JSON.parse(readFileSync(join(SPEC_DIR, '..', 'package.json'), 'utf8')) as { version: string; peerDependencies: Record<string, string> };
}
