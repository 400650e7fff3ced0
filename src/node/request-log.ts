import type { Config } from '../config/config';
import type { JournalRecord } from '../mock-control/journal';

/**
 * One line per API request, so that a frontend developer sees what their app asked and what it got:
 * `GET /api/v3/events/events/ 200 1.2 ms`, or a JSON object per line with `--log-format json`. The CLI,
 * the middleware and the Vite plugin write the same lines; `write` says where.
 */
export function createRequestLogger(format: Config['logFormat'], write: (line: string) => void): (record: JournalRecord) => void {
  return (record) => {
    const ms = Math.round(record.durationMs * 10) / 10;
    // Requests without a session read as they did before sessions existed.
    const named = record.session !== 'default';
    // Behind --upstream some answers are the real authentik's: the line says so (a violation has its own line).
    const upstream = record.answeredBy === 'upstream';
    if (format === 'json') {
      write(JSON.stringify({ time: new Date(record.at).toISOString(), method: record.method, url: record.url, operationId: record.operationId ?? null, status: record.status, ms, ...(upstream ? { answeredBy: 'upstream' } : {}), ...(named ? { session: record.session } : {}) }));
      return;
    }
    write(`${record.method} ${record.url} ${record.status === 0 ? 'dropped' : record.status} ${ms} ms${upstream ? ' from upstream' : ''}${named ? ` (session ${record.session})` : ''}`);
  };
}
