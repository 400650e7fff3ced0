import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The README's upgrade-check step, run by bash exactly as written, in a project whose node_modules/.bin holds
// both bins as npm installs them (scripts that exec node on the built CLIs).
const root = join(__dirname, '..');
const recipe = /<!-- upgrade-recipe -->\n```sh\n([\s\S]*?)```/.exec(readFileSync(join(root, 'README.md'), 'utf8'))![1]!;

test('the upgrade-check recipe records an app\'s requests and fails the step on what 2025.8 breaks', () => {
  const project = mkdtempSync(join(tmpdir(), 'upgrade-recipe-'));
  try {
    mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
    for (const [name, file] of [['authentik-events-mock', 'src/cli.js'], ['authentik-events-contract', 'contract-tests/cli.js']]) {
      const bin = join(project, 'node_modules', '.bin', name!);
      writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'dist', file!)}" "$@"\n`);
      chmodSync(bin, 0o755);
    }
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', recipe], { cwd: project, timeout: 60_000, encoding: 'utf8' });
    // The system tasks are gone in 2025.8: the step fails, as a CI gate should, and says why in one line.
    expect([run.status, run.stdout.trim()]).toEqual([1, 'upgrade check 2024.8 → 2025.8: 1 breaking, 0 notices; report written to upgrade.md']);
    const report = readFileSync(join(project, 'upgrade.md'), 'utf8');
    expect(report).toContain('| **breaking** | <code>events_system_tasks_list</code> | removed in 2025.8: no route matches GET /events/system_tasks/');
    expect(report).toContain('<code>GET /api/v3/events/system_tasks/</code> → 200 at ');
    expect(report).not.toContain('events_events_actions_list');
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}, 90_000);
