import type { Reply } from './respond';

// Django's production 404 page (DEBUG off): what authentik serves for a URL no view matches.
const NOT_FOUND_HTML =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';

/**
 * A URL that matches no route, such as `/api/v3/events/events` without its trailing slash: authentik has
 * no slash redirect, so GET and HEAD get Django's HTML 404 and other methods a 405 with an empty body.
 * A frontend that forgets the slash breaks here exactly as it will in production.
 */
export function answerUnknownUrl(method: string): Reply {
  if (method === 'GET' || method === 'HEAD') return { status: 404, page: { contentType: 'text/html; charset=utf-8', text: NOT_FOUND_HTML } };
  return { status: 405, page: { contentType: 'text/html; charset=utf-8', text: '' } };
}
