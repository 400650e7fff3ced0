import { parsePyJson, PyJsonError, type PyValue } from '../python/py-json';
import { detailError } from './api-error';
import { AuthentikCrash } from './authentik-crash';
import { latin1Decode } from '../python/utf8';

/**
 * Reads a request body the way DRF's parser (orjson's) does for authentik. Returns undefined for an empty
 * body (DRF then sees `{}`), whatever its Content-Type; throws the 415 or 400 authentik answers otherwise,
 * and authentik's crash for bytes its charset cannot decode.
 */
export function parseJsonBody(raw: Uint8Array, contentType: string | undefined): PyValue | undefined {
  if (raw.length === 0) return undefined;
  if (!isJsonMediaType(contentType ?? '')) {
    throw detailError(415, `Unsupported media type "${contentType ?? ''}" in request.`);
  }
  const text = decode(raw, charsetOf(contentType ?? ''));
  try {
    return parsePyJson(text);
  } catch (error) {
    if (error instanceof PyJsonError) throw detailError(400, `JSON parse error - ${error.message}`);
    throw error;
  }
}

/** DRF's media-type match against `application/json`: case-insensitive, wildcards match, parameters ignored. */
export function isJsonMediaType(contentType: string): boolean {
  const [type = '', subtype = ''] = mediaTypeOf(contentType).split('/');
  return (type === 'application' || type === '*') && (subtype === 'json' || subtype === '*');
}

/** The media type of a Content-Type or Accept entry, parameters dropped: `application/json`. */
export function mediaTypeOf(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

// Decoding is synchronous and whole, so one decoder serves every request.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function charsetOf(contentType: string): string {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType);
  return match ? match[1]!.toLowerCase() : 'utf-8';
}

/**
 * Decodes with the codec Python would pick for the charset name: Python normalises names (`latin-1`,
 * `ISO_8859_1` and `l1` are one codec, true ISO-8859-1, where WHATWG's `latin1` means windows-1252).
 */
function decode(raw: Uint8Array, charset: string): string {
  const name = charset.replace(/[^a-z0-9]/g, '');
  if (['latin1', 'iso88591', 'l1', 'cp819', '8859'].includes(name)) return latin1Decode(raw);
  if (['ascii', 'usascii', '646'].includes(name)) {
    const bad = raw.findIndex((byte) => byte > 0x7f);
    if (bad !== -1) throw new AuthentikCrash(`'ascii' codec can't decode byte 0x${raw[bad]!.toString(16)} in position ${bad}: ordinal not in range(128)`);
    return latin1Decode(raw);
  }
  let label = ['utf8', 'u8', 'utf'].includes(name) ? 'utf-8' : charset;
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = label === 'utf-8' ? UTF8 : new TextDecoder(label, { fatal: true, ignoreBOM: true });
  } catch {
    // Django sets request.encoding only for a charset Python's codecs know; any other is ignored and the
    // body is read as UTF-8, DEFAULT_CHARSET (measured: `charset=bogus` creates the event).
    label = 'utf-8';
    decoder = UTF8;
  }
  try {
    return decoder.decode(raw);
  } catch {
    // Measured: a body that is not valid UTF-8 is an unhandled error in authentik, not a parse error.
    throw new AuthentikCrash(describeUtf8Error(raw, label === 'utf-8' ? 'utf-8' : charset));
  }
}

/** Python's UnicodeDecodeError text for the first bad byte, e.g. `'utf-8' codec can't decode byte 0xff in position 0: invalid start byte`. */
function describeUtf8Error(raw: Uint8Array, charset: string): string {
  let i = 0;
  while (i < raw.length) {
    const lead = raw[i]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    const at = `can't decode byte 0x${lead.toString(16).padStart(2, '0')} in position ${i}`;
    if (length === 0) return `'${charset}' codec ${at}: invalid start byte`;
    for (let k = 1; k < length; k++) {
      const next = raw[i + k];
      if (next === undefined) return `'${charset}' codec ${at}: unexpected end of data`;
      const [low, high] = k === 1 ? secondByteRange(lead) : [0x80, 0xbf];
      if (next < low || next > high) return `'${charset}' codec ${at}: invalid continuation byte`;
    }
    i += length;
  }
  return `'${charset}' codec can't decode the body`;
}

/** The allowed second byte after a UTF-8 lead byte (no overlong forms, no surrogates, nothing past U+10FFFF). */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}
