/**
 * Why a URL cannot be reached, from a failed fetch: Node's fetch throws `TypeError: fetch failed` with the
 * socket error as `cause` (its `code` says which), and a timeout signal aborts with a TimeoutError/AbortError.
 */
export function describeUnreachable(url: string, error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; code?: string; cause?: { code?: string; name?: string; message?: string }; message?: string };
  const code = err?.cause?.code ?? err?.code;
  const name = err?.name ?? err?.cause?.name;
  let why: string;
  if (code === 'ECONNREFUSED') why = 'connection refused';
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') why = `DNS lookup failed for ${new URL(url).hostname}`;
  else if (name === 'TimeoutError' || name === 'AbortError' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') why = `timeout: no answer within ${timeoutMs / 1000} s`;
  else why = code ? `${code}: ${err?.cause?.message ?? err?.message ?? ''}`.trim() : (err?.cause?.message ?? err?.message ?? String(error));
  return `cannot reach ${url}: ${why}`;
}

/** One GET of the base URL; undefined when any HTTP answer came back (whatever its status), else why not. */
export async function probeReachable(baseUrl: string, timeoutMs = 10_000): Promise<string | undefined> {
  try {
    const response = await fetch(baseUrl, { method: 'GET', signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await response.arrayBuffer().catch(() => undefined);
    return undefined;
  } catch (error) {
    return describeUnreachable(baseUrl, error, timeoutMs);
  }
}
