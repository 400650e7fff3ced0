import type { MockJournalEntry } from '../src/openapi/generated/schemas';

/** A POSIX shell word: single quotes, with each `'` closed, escaped and reopened. */
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The request again as a curl command. The token is `$TOKEN`, in double quotes so the shell expands it: the
 * journal keeps no credentials, and a command pasted into a ticket should not carry one.
 */
export function toCurlCommand(entry: MockJournalEntry, origin: string): string {
  const parts = ['curl', '-i'];
  if (entry.method === 'HEAD') parts.push('-I');
  else if (entry.method !== 'GET') parts.push('-X', entry.method);
  parts.push('-H', '"Authorization: Bearer $TOKEN"');
  if (entry.request_body !== null) {
    const body = typeof entry.request_body === 'string' ? entry.request_body : JSON.stringify(entry.request_body);
    parts.push('-H', shellQuote('Content-Type: application/json'), '--data-raw', shellQuote(body));
  }
  parts.push(shellQuote(`${origin}${entry.url}`));
  return parts.join(' ');
}
