import { request, type InjectTest } from './helpers/inject';
import { createTestApp, EVENTS, onlyTokens, TASKS } from './helpers/test-app';

const NOT_PROVIDED = { detail: 'Authentication credentials were not provided.' };
const NO_PERMISSION = { detail: 'You do not have permission to perform this action.' };
const INVALID_TOKEN = { detail: 'Token invalid/expired' };
const UNSUPPORTED = { detail: 'Unsupported authentication type' };

const mock = createTestApp({ tokenPolicy: onlyTokens('good-token') });
const { store } = mock;
const anyTokenApp = createTestApp();
const someEvent = () => store.events.all()[0]!.pk;
const someTask = () => store.systemTasks.all()[0]!.uuid;

/** Asserts authentik's 403: the exact body, no WWW-Authenticate, no `code`. */
async function expect403(test: InjectTest, body: object) {
  const res = await test;
  expect([res.status, res.body]).toEqual([403, body]);
  expect(res.headers['www-authenticate']).toBeUndefined();
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
}

describe('authentication answers 403, never 401 (authentik-behaviour.md, Authentication table)', () => {
  describe.each([EVENTS, TASKS])('on the list URL %s', (url) => {
    it('answers "not provided" without an Authorization header', () => expect403(request(mock).get(url), NOT_PROVIDED));
    it.each(['Bearer', 'Bearer ', '  Bearer  ', 'Basic', '', '   '])('treats %j as no credentials', (header) =>
      expect403(request(mock).get(url).set('Authorization', header), NOT_PROVIDED),
    );
    it('answers "not provided" for every method, before any 405', async () => {
      await expect403(request(mock).delete(url), NOT_PROVIDED);
      await expect403(request(mock).put(url), NOT_PROVIDED);
      await expect403(request(mock).post(url).send({ action: 'login', app: 'x' }), NOT_PROVIDED);
    });
    it('answers "Token invalid/expired" for an unknown bearer token', () =>
      expect403(request(mock).get(url).set('Authorization', 'Bearer nope'), INVALID_TOKEN));
    it.each(['Basic x', 'foo bar', 'Token good-token'])('answers "Unsupported authentication type" for %j', (header) =>
      expect403(request(mock).get(url).set('Authorization', header), UNSUPPORTED),
    );
  });

  describe('on a detail URL', () => {
    it('answers "no permission" without credentials', () => expect403(request(mock).get(`${EVENTS}${someEvent()}/`), NO_PERMISSION));
    it('answers "no permission" for a task without credentials', () => expect403(request(mock).get(`${TASKS}${someTask()}/`), NO_PERMISSION));
    it('answers "no permission" for an id that is not a UUID, before any 404', () =>
      expect403(request(mock).get(`${EVENTS}qwerqwer/`), NO_PERMISSION));
    it('answers "no permission" for a bad PATCH body, before validating it', () =>
      expect403(request(mock).patch(`${EVENTS}${someEvent()}/`).send({ action: 'nope' }), NO_PERMISSION));
    it('answers 405 to an unauthenticated POST, since the method check comes first', async () => {
      const res = await request(mock).post(`${EVENTS}${someEvent()}/`);
      expect([res.status, res.body]).toEqual([405, { detail: 'Method "POST" not allowed.' }]);
    });
    it('answers "Token invalid/expired" and "Unsupported authentication type" as on lists', async () => {
      await expect403(request(mock).get(`${EVENTS}${someEvent()}/`).set('Authorization', 'Bearer nope'), INVALID_TOKEN);
      await expect403(request(mock).get(`${EVENTS}${someEvent()}/`).set('Authorization', 'Basic x'), UNSUPPORTED);
    });
  });

  describe('accepted credentials', () => {
    it.each(['Bearer good-token', 'bearer good-token', 'BEARER good-token', '  Bearer good-token  '])('accepts %j (scheme case-insensitive, header stripped)', async (header) => {
      const res = await request(mock).get(TASKS).set('Authorization', header);
      expect(res.status).toBe(200);
    });
    it('accepts any non-empty bearer token by default', async () => {
      const res = await request(anyTokenApp).get(TASKS).set('Authorization', 'Bearer whatever-you-like');
      expect(res.status).toBe(200);
    });
    it('checks the Accept header (406) before authentication', async () => {
      const res = await request(mock).get(TASKS).set('Accept', 'text/html');
      expect([res.status, res.body]).toEqual([406, { detail: 'Could not satisfy the request Accept header.' }]);
    });
    it('lets a bad Authorization header win over missing permission on a detail URL', () =>
      expect403(request(mock).get(`${TASKS}qwerqwer/`).set('Authorization', 'foo bar'), UNSUPPORTED));
  });
});
