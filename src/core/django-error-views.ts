import type { Reply } from './respond';

const page = (title: string, text: string) =>
  `<!doctype html>\n<html lang="en">\n<head>\n  <title>${title}</title>\n</head>\n<body>\n  <h1>${title}</h1><p>${text}</p>\n</body>\n</html>\n`;

// Django's production pages (DEBUG off): a URL no view matches, and an unhandled error.
const PAGES = {
  404: page('Not Found', 'The requested resource was not found on this server.'),
  500: page('Server Error (500)', ''),
} as const;

const HTML = 'text/html; charset=utf-8';

/**
 * What Django's error views answer (measured on authentik): a URL that matches no route gets the 404 view,
 * an unhandled error the 500 view. Both are page views that allow only GET, HEAD and OPTIONS, so GET and
 * HEAD get the page; OPTIONS gets 200 with an empty body; any other method gets 405 with an empty body.
 * All but the page carry `Allow: GET, HEAD, OPTIONS`; `respond` adds `Vary: Cookie` and the security headers.
 * A frontend that forgets a trailing slash breaks here exactly as it will in production.
 */
export function toErrorViewReply(method: string, status: 404 | 500): Reply {
  if (method === 'GET' || method === 'HEAD') return { status, page: { contentType: HTML, text: PAGES[status] } };
  return { status: method === 'OPTIONS' ? 200 : 405, page: { contentType: HTML, text: '' }, allow: 'GET, HEAD, OPTIONS' };
}
