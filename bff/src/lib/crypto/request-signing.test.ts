import { randomBytes } from 'node:crypto';
import { checkSignedRequest, signRequest, stringToSign } from './request-signing';

const now = 1_795_000_000_000;
const nonce = randomBytes(16).toString('hex');

describe('signed requests', () => {
  it('builds the documented string to sign, hashing an empty body as SM3("")', () => {
    expect(stringToSign('post', '/terminal/v1/qrcodes/verify?x=1', '1', 'n', '')).toBe(
      'POST\n/terminal/v1/qrcodes/verify?x=1\n1\nn\n1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b',
    );
  });

  it('accepts a correctly signed request and refuses any change to it', () => {
    const body = Buffer.from('{"qrcode":"abc"}');
    const sig = signRequest('s3cret', 'POST', '/p', String(now), nonce, body);
    const ok = { method: 'POST', pathWithQuery: '/p', timestamp: String(now), nonce, signature: sig, body };
    expect(checkSignedRequest('s3cret', ok, now)).toBeNull();
    expect(checkSignedRequest('s3cret', { ...ok, body: Buffer.from('{"qrcode":"abd"}') }, now)).toBe('BAD_SIGNATURE');
    expect(checkSignedRequest('s3cret', { ...ok, pathWithQuery: '/q' }, now)).toBe('BAD_SIGNATURE');
    expect(checkSignedRequest('other', ok, now)).toBe('BAD_SIGNATURE');
  });

  it('refuses stale or future timestamps, malformed nonces and missing headers', () => {
    const sig = signRequest('s', 'GET', '/p', String(now - 301_000), nonce, '');
    expect(checkSignedRequest('s', { method: 'GET', pathWithQuery: '/p', timestamp: String(now - 301_000), nonce, signature: sig, body: '' }, now)).toBe('STALE_TIMESTAMP');
    expect(checkSignedRequest('s', { method: 'GET', pathWithQuery: '/p', timestamp: String(now + 301_000), nonce, signature: sig, body: '' }, now)).toBe('STALE_TIMESTAMP');
    expect(checkSignedRequest('s', { method: 'GET', pathWithQuery: '/p', timestamp: String(now), nonce: 'short', signature: sig, body: '' }, now)).toBe('BAD_NONCE');
    expect(checkSignedRequest('s', { method: 'GET', pathWithQuery: '/p', timestamp: undefined, nonce, signature: sig, body: '' }, now)).toBe('MISSING_HEADERS');
  });
});
