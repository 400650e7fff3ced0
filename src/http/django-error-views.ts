import { commonHeaderPairs } from './common-headers';

/** An answer that is not JSON: status, flat header pairs (`[name, value, …]`) and body text. */
export interface PageReply {
  status: number;
  headers: string[];
  body: string;
}

const page = (title: string, text: string) =>
  `<!doctype html>\n<html lang="en">\n<head>\n  <title>${title}</title>\n</head>\n<body>\n  <h1>${title}</h1><p>${text}</p>\n</body>\n</html>\n`;

// Django's production pages (DEBUG off): a URL no view matches, and an unhandled error.
const PAGES = {
  404: page('Not Found', 'The requested resource was not found on this server.'),
  500: page('Server Error (500)', ''),
} as const;

/**
 * What Django's error views answer (measured on authentik): a URL that matches no route gets the 404 view,
 * an unhandled error the 500 view. Both are page views that allow only GET, HEAD and OPTIONS, so:
 * GET and HEAD get the page; OPTIONS gets 200 with an empty body; any other method gets 405 with an empty
 * body. All but the page carry `Allow: GET, HEAD, OPTIONS`; all carry `Vary: Cookie` and the security
 * headers. The caller merges `Vary` with any it has set (CORS).
 */
export function toErrorViewReply(method: string, status: 404 | 500): PageReply {
  const headers = [...commonHeaderPairs(), 'Vary', 'Cookie', 'Content-Type', 'text/html; charset=utf-8'];
  if (method === 'GET' || method === 'HEAD') {
    const body = PAGES[status];
    return { status, headers: [...headers, 'Content-Length', String(Buffer.byteLength(body))], body };
  }
  return { status: method === 'OPTIONS' ? 200 : 405, headers: [...headers, 'Allow', 'GET, HEAD, OPTIONS', 'Content-Length', '0'], body: '' };
}
