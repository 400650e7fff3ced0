import { appWith, as, at, DENIED, event, EVENTS, NO_CREDENTIALS, NULL_IN_SEARCH } from './helpers';

// authentik-2025.8-behaviour.md, "Search", "Errors that changed for every operation", "Pagination".
const phrase = event('login', at('2025-08-22T16:00:00Z'), { app: 'foo bar', context: { note: 'x' } });
const foo = event('logout', at('2025-08-22T15:00:00Z'), { app: 'foo', context: { note: 'bar' } });
const baz = event('login_failed', at('2025-08-22T14:00:00Z'), { app: 'baz', context: { note: '"foo bar"' } });
const setup = () => appWith([phrase, foo, baz]);
const pks = (res: { body: { results: { pk: string }[] } }) => res.body.results.map((r) => r.pk);

describe('2025.8 search: DRF 3.16 smart_split', () => {
  const { http } = setup();
  const search = (text: string) => http.get(`${EVENTS}?search=${encodeURIComponent(text)}`).set(as('admin'));

  it('whitespace separates terms; every term must match some field', async () => {
    expect(pks(await search('foo bar'))).toEqual([phrase.pk, foo.pk, baz.pk]);
    expect(pks(await search('foo logout'))).toEqual([foo.pk]);
  });

  it('a quoted phrase is one term, unquoted', async () => {
    // `foo bar` appears whole in phrase's app and in baz's context (as jsonb text), not in foo's.
    expect(pks(await search('"foo bar"'))).toEqual([phrase.pk, baz.pk]);
    expect(pks(await search("'foo bar'"))).toEqual([phrase.pk, baz.pk]);
  });

  it('commas split unquoted terms and empty pieces are dropped', async () => {
    expect(pks(await search('foo,,logout , '))).toEqual([foo.pk]);
    expect(pks(await search(','))).toEqual([phrase.pk, foo.pk, baz.pk]);
  });

  it('a quoted phrase glued to a comma keeps its quotes', async () => {
    // `"foo bar",baz` is one smart_split token; stripped of end commas it is not wholly quoted, so it splits
    // on commas into `"foo bar"` (quotes kept) and `baz`: only baz's context holds `"foo bar"` (as \"foo bar\").
    expect(pks(await search('"foo bar",login_failed'))).toEqual([]);
    expect(pks(await search('"note",baz'))).toEqual([baz.pk]);
  });
});

describe('2025.8 search: a NUL is a 400 with a bare list, before the permission filter', () => {
  const { http, store } = setup();
  const NUL = '?search=a%00b';

  it('on the list, for a caller without the view permission (400, not 403)', async () => {
    for (const token of ['nobody', 'viewer', 'admin']) {
      const res = await http.get(`${EVENTS}${NUL}`).set(as(token));
      expect([res.status, res.text, res.headers['content-type']]).toEqual([400, NULL_IN_SEARCH, 'application/json; charset=utf-8']);
    }
  });

  it('before the filters\' own 400', async () => {
    const res = await http.get(`${EVENTS}${NUL}&actions=bad&brand_name=%00`).set(as('admin'));
    expect([res.status, res.text]).toEqual([400, NULL_IN_SEARCH]);
  });

  it('an anonymous list request is still refused first (has_permission needs a user)', async () => {
    const res = await http.get(`${EVENTS}${NUL}`);
    expect([res.status, res.body]).toEqual([403, NO_CREDENTIALS]);
  });

  it('on the detail route, for every method, before the 403 and the 404 — even anonymous', async () => {
    const missing = `${EVENTS}00000000-0000-4000-8000-000000000000/${NUL}`;
    const existing = `${EVENTS}${phrase.pk}/${NUL}`;
    for (const res of [
      await http.get(missing),
      await http.get(missing).set(as('nobody')),
      await http.get(existing).set(as('viewer')),
      await http.get(`${EVENTS}qwerqwer/${NUL}`).set(as('viewer')),
      await http.patch(existing).set(as('viewer')).send({ app: 'x' }),
      await http.put(existing).set(as('admin')).send({ action: 'login' }),
      await http.delete(existing).set(as('nobody')),
      await http.delete(existing).set(as('admin')),
    ]) {
      expect([res.status, res.text]).toEqual([400, NULL_IN_SEARCH]);
    }
    expect(store.events.get(phrase.pk)).toEqual(phrase);
  });

  it('on volume/, before the 403', async () => {
    const res = await http.get(`${EVENTS}volume/${NUL}`).set(as('nobody'));
    expect([res.status, res.text]).toEqual([400, NULL_IN_SEARCH]);
  });

  it('POST runs no filter backend: the NUL in search is ignored there', async () => {
    const { http: h } = setup();
    const res = await h.post(`${EVENTS}${NUL}`).set(as('admin')).send({ action: 'login', app: 'x' });
    expect(res.status).toBe(201);
  });

  it('actions/ and top_per_user/ run no search: they answer as before', async () => {
    expect((await http.get(`${EVENTS}actions/${NUL}`).set(as('nobody'))).status).toBe(200);
    const top = await http.get(`${EVENTS}top_per_user/${NUL}`).set(as('nobody'));
    expect([top.status, top.text]).toEqual([200, '[]']);
  });

  it('without a NUL, the 403 of a caller without the view permission stands', async () => {
    for (const url of [`${EVENTS}?search=x`, `${EVENTS}volume/?search=x`, `${EVENTS}${phrase.pk}/?search=x`]) {
      const res = await http.get(url).set(as('nobody'));
      expect([res.status, res.body]).toEqual([403, DENIED]);
    }
  });
});

describe('2025.8 pagination: `?page=` empty is page 1', () => {
  const { http } = setup();

  it('empty page is page 1; page_size still applies', async () => {
    const res = await http.get(`${EVENTS}?page=&page_size=2`).set(as('admin'));
    expect(res.status).toBe(200);
    expect(res.body.pagination).toEqual({ next: 2, previous: 0, count: 3, current: 1, total_pages: 2, start_index: 1, end_index: 2 });
    expect(pks(res)).toEqual([phrase.pk, foo.pk]);
  });

  it('every other page rule is unchanged', async () => {
    for (const page of ['0', '-1', 'abc', '3', '1.0']) {
      const res = await http.get(`${EVENTS}?page=${page}&page_size=2`).set(as('admin'));
      expect([page, res.status, res.text]).toEqual([page, 404, '{"detail":"Invalid page."}']);
    }
    expect((await http.get(`${EVENTS}?page=last&page_size=2`).set(as('admin'))).body.pagination.current).toBe(2);
  });

  it('with a client_ip that is no address, an empty page reaches the query (500), a bad page is the 404', async () => {
    const crash = await http.get(`${EVENTS}?client_ip=abc&page=`).set(as('admin'));
    expect(crash.status).toBe(500);
    const invalid = await http.get(`${EVENTS}?client_ip=abc&page=0`).set(as('admin'));
    expect([invalid.status, invalid.text]).toEqual([404, '{"detail":"Invalid page."}']);
  });
});
