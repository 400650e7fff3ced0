// Starting and stopping the mock (node, from the checkout beside) and the oracle (its start.sh / stop.sh).
import { spawn, execFile } from 'node:child_process';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';

export function portFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

export async function freePair(start) {
  for (let p = start; p < start + 400; p += 2) {
    if ((await portFree(p)) && (await portFree(p + 1))) return [p, p + 1];
  }
  throw new Error(`no free port pair from ${start}`);
}

async function waitFor(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try { const r = await fetch(url); await r.arrayBuffer(); if (r.ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

export async function startMock({ cli, port, seed, tokens, log, version = '2024.8' }) {
  // log: a file for the mock's request log and messages (then it runs without --quiet)
  const out = log ? fs.openSync(log, 'a') : 'ignore';
  const child = spawn(process.execPath, [cli, '--port', String(port), '--seed', String(seed), ...(version === '2024.8' ? [] : ['--authentik-version', version]), ...(log ? [] : ['--quiet']), '--tokens', tokens], { stdio: ['ignore', out, 'pipe'] });
  if (log) child.stderr.on('data', (d) => fs.appendFileSync(log, d));
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const exited = new Promise((_, rej) => child.once('exit', (c) => rej(new Error(`mock exited (${c}): ${err}`))));
  exited.catch(() => {});
  await Promise.race([waitFor(`http://127.0.0.1:${port}/__mock__/state`, 20000), exited]);
  return { child, origin: `http://127.0.0.1:${port}`, stop: () => { child.removeAllListeners('exit'); child.kill('SIGTERM'); } };
}

function run(cmd, args, env) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 1 << 24, env: env ? { ...process.env, ...env } : process.env }, (e, stdout, stderr) => (e ? reject(new Error(`${cmd} ${args.join(' ')}: ${stderr || e.message}`)) : resolve(stdout)));
  });
}

export async function startOracle({ dir, port, state, env }) {
  // env: e.g. ORACLE_AUDIT=1 (the 2025.8 oracle's AuditMiddleware, read when the server starts)
  const file = path.join(os.tmpdir(), `differential-oracle-${port}-${process.pid}.json`);
  fs.writeFileSync(file, typeof state === 'string' ? state : JSON.stringify(state)); // the raw export keeps number spellings
  // Two runs that find PostgreSQL down both start it, and one start fails on the other's lock: try again.
  let out;
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        out = await run(path.join(dir, 'start.sh'), [String(port), file], env);
        break;
      } catch (error) {
        if (attempt === 3 || !/could not start server|did not start/.test(error.message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2000 * attempt));
      }
    }
  } finally {
    fs.rmSync(file, { force: true });
  }
  return { origin: `http://127.0.0.1:${port}`, summary: out.trim(), stop: () => run(path.join(dir, 'stop.sh'), [String(port), '--purge']).catch(() => {}) };
}
