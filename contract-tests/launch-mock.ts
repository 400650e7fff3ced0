import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The built server; this file runs from contract-tests/ (jest) or dist/contract-tests/ (npm run contract). */
export const CLI = [join(__dirname, '..', 'dist', 'src', 'cli.js'), join(__dirname, '..', 'src', 'cli.js')].find((path) => existsSync(path)) ?? join(__dirname, '..', 'dist', 'src', 'cli.js');

export interface RunningMock {
  /** `http://127.0.0.1:<port>/api/v3` as the banner prints it. */
  baseUrl: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<number | null>;
}

/** Starts the built server (`npm start`'s process) on a free port and waits for its banner. */
export function startMock(args: string[] = [], env: Record<string, string> = {}): Promise<RunningMock> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  const child = spawn(process.execPath, [CLI, '--port', '0', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    let listening = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // Only until the banner: a server that logs every request would make a rescan of all output per chunk quadratic.
      if (listening) return;
      const match = /listening on (http:\/\/\S+\/api\/v3)\n/.exec(output);
      if (match) {
        listening = true;
        resolve({
          baseUrl: match[1]!,
          process: child,
          output: () => output,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`the mock exited (${String(code)}) before listening:\n${output}`)));
  });
}

/** Runs the CLI to completion (for start-up failures) and returns its exit code and output. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}
