/**
 * authentik's session cookie, as a task run sets it. The run view stores a "Successfully started task"
 * message in the session (Django's messages), so the answer carries
 * `Set-Cookie: authentik_session=<JWT>; HttpOnly; Path=/; SameSite=Lax` (over plain HTTP, as the mock
 * serves). The JWT is HS256 over `{"sid","iss":"authentik","sub":<the user's uid>,"authenticated":true,
 * "acr":"goauthentik.io/core/default"}`, compact JSON in that order; sid is Django's session key, 32
 * characters of [a-z0-9]. A request that sends back a cookie this mock signed keeps its session key, as
 * authentik keeps the session. Web Crypto only (the core runs in browsers too).
 */
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ENCODER = new TextEncoder();
const HEADER = base64url(ENCODER.encode('{"alg":"HS256","typ":"JWT"}'));
const SESSION_KEY_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

export interface SessionCookies {
  /**
   * The Set-Cookie value for a request that stored something in the session; undefined where the runtime
   * has no Web Crypto `subtle` (a browser page served over plain HTTP from another host than localhost).
   */
  issue(token: string, cookieHeader: string | undefined): Promise<string | undefined>;
}

export function createSessionCookies(): SessionCookies {
  // A signing key per mock, made on first use: its cookies are refused by any other mock, as authentik's
  // are by another install.
  let key: ReturnType<typeof generateSigningKey> | undefined;
  const sign = async (text: string) => {
    key ??= generateSigningKey();
    return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', await key, ENCODER.encode(text))));
  };

  async function sessionKeyOf(cookieHeader: string | undefined): Promise<string | undefined> {
    const value = cookieHeader?.split(';').map((part) => part.trim()).find((part) => part.startsWith('authentik_session='))?.slice('authentik_session='.length);
    const parts = value?.split('.');
    if (!parts || parts.length !== 3 || parts[0] !== HEADER) return undefined;
    if (parts[2] !== (await sign(`${parts[0]}.${parts[1]}`))) return undefined;
    try {
      const sid = (JSON.parse(new TextDecoder().decode(fromBase64url(parts[1]!))) as { sid?: unknown }).sid;
      return typeof sid === 'string' ? sid : undefined;
    } catch {
      return undefined;
    }
  }

  return {
    async issue(token, cookieHeader) {
      if (typeof crypto === 'undefined' || !crypto.subtle) return undefined;
      const sid = (await sessionKeyOf(cookieHeader)) ?? newSessionKey();
      const payload = `{"sid":"${sid}","iss":"authentik","sub":"${await userUid(token)}","authenticated":true,"acr":"goauthentik.io/core/default"}`;
      const unsigned = `${HEADER}.${base64url(ENCODER.encode(payload))}`;
      return `authentik_session=${unsigned}.${await sign(unsigned)}; HttpOnly; Path=/; SameSite=Lax`;
    },
  };
}

function newSessionKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (byte) => SESSION_KEY_CHARS[byte % SESSION_KEY_CHARS.length]).join('');
}

/** A stable 64-hex id per token, standing for authentik's `User.uid` (a SHA-256 hex digest). */
async function userUid(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', ENCODER.encode(`authentik-events-mock user ${token}`)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Base64url without padding, as JWTs carry it (written out: the core has no btoa where it runs). */
function base64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < chars; j++) out += BASE64URL[(chunk >> (18 - 6 * j)) & 63];
  }
  return out;
}

function fromBase64url(text: string): Uint8Array {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    const value = BASE64URL.indexOf(char);
    if (value === -1) throw new Error('not base64url');
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 255);
    }
  }
  return Uint8Array.from(bytes);
}

const generateSigningKey = () => crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
