import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startMock } from '../src/index';
import { readmeRecipe, recipeProject } from './helpers/recipe-project';

// The README's verify step, run by bash exactly as written, in a project whose node_modules/.bin holds the
// bin as npm installs it, against a second mock standing in for the user's authentik.
const root = join(__dirname, '..');
const recipe = readmeRecipe(readFileSync(join(root, 'README.md'), 'utf8'), 'verify-recipe');

test('the verify recipe compares a target with its recording, passes the step, and writes what it names', async () => {
  const target = await startMock({ seed: 9, tasks: 5, events: 30, tokens: 'ci-secret', quiet: true });
  const project = recipeProject('verify-recipe-', { 'authentik-events-mock': 'src/cli.js' });
  try {
    // spawnSync would block the event loop that the target answers on: the recipe runs asynchronously.
    const run = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const child = spawn('bash', ['-euo', 'pipefail', '-c', recipe], { cwd: project, env: { ...process.env, AUTHENTIK_URL: target.apiUrl, AUTHENTIK_TOKEN: 'ci-secret' } });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.once('exit', (status) => resolve({ status, stdout }));
    });
    expect([run.status, run.stdout.split('\n').at(-2)]).toEqual([0, 'verdict: no difference in 300 requests']);
    expect(run.stdout).not.toContain('ci-secret');
    expect(readFileSync(join(project, 'verify.md'), 'utf8')).toMatch(/^## verify: passed\n/);
    expect(readFileSync(join(project, 'verify.xml'), 'utf8')).toContain('<testsuites name="verify" tests="');
    expect((JSON.parse(readFileSync(join(project, 'recording.json'), 'utf8')) as { events: unknown[] }).events).toHaveLength(30);
  } finally {
    rmSync(project, { recursive: true, force: true });
    await target.close();
  }
}, 90_000);
