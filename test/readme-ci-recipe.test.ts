import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The README's CI recipe, run by bash exactly as written, in a project whose node_modules/.bin holds the
// bin as npm installs it (a script that execs node on the built CLI, keeping the process id).
const root = join(__dirname, '..');
const recipe = /<!-- ci-recipe -->\n```sh\n([\s\S]*?)```/.exec(readFileSync(join(root, 'README.md'), 'utf8'))![1]!;

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

test('the CI recipe starts the mock, waits for it, gets an answer, and its stop frees the port', async () => {
  const project = mkdtempSync(join(tmpdir(), 'ci-recipe-'));
  try {
    mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
    const bin = join(project, 'node_modules', '.bin', 'authentik-events-mock');
    writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'dist', 'src', 'cli.js')}" "$@"\n`);
    chmodSync(bin, 0o755);
    expect(await portIsFree(9000)).toBe(true);
    execFileSync('bash', ['-euo', 'pipefail', '-c', recipe], { cwd: project, timeout: 60_000 });
    const tasks = JSON.parse(readFileSync(join(project, 'tasks.json'), 'utf8')) as { pagination: { count: number } };
    expect(tasks.pagination.count).toBeGreaterThan(0);
    expect(readFileSync(join(project, 'mock.log'), 'utf8')).toContain('GET /api/v3/events/system_tasks/ 200');
    expect(await portIsFree(9000)).toBe(true);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}, 90_000);
