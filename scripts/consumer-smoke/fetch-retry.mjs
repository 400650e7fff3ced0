// The orchestrator talks to several servers in turn, each idle for seconds while another is checked. A pooled
// keep-alive connection can then be closed by the server just as fetch reuses it (undici: ECONNRESET or
// "other side closed"), before the request was sent. Such a socket-level failure is tried once more, on a new
// connection; an HTTP answer, or a second failure, is what the check sees.
const RACE_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const plainFetch = globalThis.fetch;

export async function fetchWithRetry(input, init) {
  try {
    return await plainFetch(input, init);
  } catch (error) {
    if (!(error instanceof TypeError) || !RACE_CODES.has(error.cause?.code)) throw error;
    return plainFetch(input, init);
  }
}
