import { countUtf8Bytes, utf8Length } from '../../src/python/utf8';

describe('utf8Length counts the bytes Content-Length needs, with and without Node', () => {
  it.each([
    ['', 0],
    ['plain ascii {"a":1}', 19],
    ['café', 5],
    ['€', 3],
    ['😀', 4],
    ['a\ud800b', 5],
    ['\udc00', 3],
    ['😀\ud83d', 7],
  ])('%j is %i bytes', (text, bytes) => {
    expect([countUtf8Bytes(text), utf8Length(text), Buffer.byteLength(text)]).toEqual([bytes, bytes, bytes]);
  });
});
