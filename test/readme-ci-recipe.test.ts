import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { readmeRecipe, recipeProject } from './helpers/recipe-project';

// The README's CI recipe, run by bash exactly as written, in a project whose node_modules/.bin holds the
// bin as npm installs it (a script that execs node on the built CLI, keeping the process id).
const root = join(__dirname, '..');
const recipe = readmeRecipe(readFileSync(join(root, 'README.md'), 'utf8'), 'ci-recipe');

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

test('the CI recipe starts the mock, waits for it, gets an answer, and its stop frees the port', async () => {
  const project = recipeProject('ci-recipe-', { 'authentik-events-mock': 'src/cli.js' });
  try {
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
