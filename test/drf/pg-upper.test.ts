import { pgUpper } from '../../src/drf/pg-upper';
import { createTestApp, EVENTS } from '../helpers/test-app';

// PostgreSQL's upper() maps character by character (measured on PostgreSQL 15, UTF-8 ctype, beside
// authentik 2024.8.6's code): a character whose full uppercase is several characters stays as it is.
describe("PostgreSQL's upper(), which icontains and search apply", () => {
  it.each([
    ['ß', 'ß'],
    ['ﬁ', 'ﬁ'],
    ['ﬀ', 'ﬀ'],
    ['ŉ', 'ŉ'],
    ['ΐ', 'ΐ'],
    ['ǰ', 'ǰ'],
    ['ᾳ', 'ᾼ'],
    ['ſ', 'S'],
    ['ı', 'I'],
    ['µ', 'Μ'],
    ['ÿ', 'Ÿ'],
    ['ς', 'Σ'],
    ['ǅ', 'Ǆ'],
    ['straße ﬁnal', 'STRAßE ﬁNAL'],
    ['plain ascii', 'PLAIN ASCII'],
  ])('upper(%j) is %j', (text, upper) => {
    expect(pgUpper(text)).toBe(upper);
  });

  it('so search=ß finds ß and not ss, and search=ᾼ finds ᾳ, as authentik does', async () => {
    const { api } = createTestApp({ events: 0 });
    for (const app of ['xßy', 'xssy', 'xSSy', 'xᾳy', 'xﬁy', 'xfiy']) await api.post(EVENTS).send({ action: 'login', app });
    const apps = async (query: string) => (await api.get(`${EVENTS}?${query}&ordering=app`)).body.results.map((event: { app: string }) => event.app);
    expect(await apps(`search=${encodeURIComponent('ß')}`)).toEqual(['xßy']);
    expect(await apps(`search=${encodeURIComponent('ᾼ')}`)).toEqual(['xᾳy']);
    expect(await apps(`search=${encodeURIComponent('ﬁ')}`)).toEqual(['xﬁy']);
    expect(await apps('search=fi')).toEqual(['xfiy']);
    expect(await apps(`action=${encodeURIComponent('ß')}`)).toEqual([]);
  });
});
