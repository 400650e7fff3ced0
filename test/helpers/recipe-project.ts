import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** A README block marked `<!-- name -->` followed by a `sh` fence: the text a recipe test runs as written. */
export function readmeRecipe(readme: string, name: string): string {
  return new RegExp(`<!-- ${name} -->\\n\`\`\`sh\\n([\\s\\S]*?)\`\`\``).exec(readme)![1]!;
}

/**
 * A fresh project folder whose node_modules/.bin holds the package's bins as npm installs them: scripts that
 * exec node on the built CLIs (`bins`: bin name → its file under dist/), keeping the process id.
 */
export function recipeProject(prefix: string, bins: Record<string, string>): string {
  const project = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
  for (const [name, file] of Object.entries(bins)) {
    const bin = join(project, 'node_modules', '.bin', name);
    writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'dist', file)}" "$@"\n`);
    chmodSync(bin, 0o755);
  }
  return project;
}
