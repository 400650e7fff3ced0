// 2025.8: the mock's export as the 2025.8 oracle loads it, and the rows the generator picks from.
// The export's raw text goes to the oracle (number spellings); only its `workers` array is rewritten.

/**
 * The mock exports a worker as the API shows it (`worker_id` = `<status uuid>@<hostname>`) plus `last_seen`, `alive`
 * and `heartbeat`; the oracle's rows are `{id, hostname, version, last_seen, alive}`. A beating worker (the mock
 * moves its `last_seen` on every 30 s) is loaded as seen at `loadedAt`, and `/tasks/workers` requests carry
 * `X-Oracle-Now` = `loadedAt` + 1 s (run.mjs), so both list it whatever the run's length.
 */
export function oracleState2025(raw, loadedAt) {
  const at = raw.lastIndexOf('"workers":');
  if (at < 0) return raw;
  const start = raw.indexOf('[', at);
  let depth = 0, end = start;
  for (let i = start, str = false; i < raw.length; i++) {
    const c = raw[i];
    if (str) { if (c === '\\') i++; else if (c === '"') str = false; continue; }
    if (c === '"') str = true; else if (c === '[' || c === '{') depth++; else if (c === ']' || c === '}') { depth--; if (depth === 0) { end = i + 1; break; } }
  }
  const workers = JSON.parse(raw.slice(start, end)).map((w) => {
    const [id, ...host] = String(w.worker_id).split('@');
    return { id, hostname: host.join('@'), version: w.version, last_seen: w.heartbeat ? new Date(loadedAt).toISOString() : w.last_seen, alive: w.alive };
  });
  return raw.slice(0, start) + JSON.stringify(workers) + raw.slice(end);
}

/** What the generator picks from: events, and 2024.8's system tasks or 2025.8's tasks and schedules. */
export function worldOf(state) {
  return { events: state.events ?? [], tasks: state.systemTasks ?? state.tasks ?? [], schedules: state.schedules ?? [] };
}
