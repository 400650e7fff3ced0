import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const SRC = join(__dirname, '..', 'src');

/** Every .ts file under src/, with the specifiers it imports. */
function sources(dir = SRC): Array<{ file: string; imports: string[] }> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sources(path);
    if (!name.endsWith('.ts')) return [];
    const text = readFileSync(path, 'utf8');
    return [{ file: relative(SRC, path), imports: [...text.matchAll(/^(?:import\s+(?:[^'";]*?\sfrom\s+)?|export\s+[^'";]*?\sfrom\s+)'([^']+)'/gm)].map((m) => m[1]!) }];
  });
}

const folderOf = (file: string) => (file.includes('/') ? file.split('/')[0]! : '.');
const files = sources();

// Folders whose code must run in a browser or a worker: the core and everything it stands on.
const PORTABLE = ['core', 'registry', 'events', 'system-tasks', 'admin', 'drf', 'python', 'auth', 'openapi', 'store', 'seed', 'mock-control', 'time', 'upstream'];

describe('layering of src/ (issue: one core, thin hosts)', () => {
  it('has no two folders that import each other', () => {
    const edges = new Set<string>();
    for (const { file, imports } of files) {
      for (const spec of imports.filter((s) => s.startsWith('.'))) {
        const from = folderOf(file);
        const to = folderOf(relative(SRC, resolve(dirname(join(SRC, file)), spec)));
        if (from !== to) edges.add(`${from} -> ${to}`);
      }
    }
    const mutual = [...edges].filter((edge) => edges.has(edge.split(' -> ').reverse().join(' -> ')));
    expect(mutual).toEqual([]);
  });

  it('keeps Express, Node built-ins and file reading out of the core and what it stands on', () => {
    const offending = files
      .filter(({ file }) => PORTABLE.includes(folderOf(file)))
      .flatMap(({ file, imports }) => imports.filter((s) => s === 'express' || s.startsWith('node:') || ['fs', 'path', 'http', 'crypto', 'util', 'js-yaml'].includes(s)).map((s) => `${file}: ${s}`));
    expect(offending).toEqual([]);
  });

  it('keeps drf/ and seed/ free of the HTTP layer (core, hosts)', () => {
    const offending = files
      .filter(({ file }) => ['drf', 'seed'].includes(folderOf(file)))
      .flatMap(({ file, imports }) => imports.filter((s) => /\.\.\/(core|hosts|node)\//.test(s)).map((s) => `${file}: ${s}`));
    expect(offending).toEqual([]);
  });
});
