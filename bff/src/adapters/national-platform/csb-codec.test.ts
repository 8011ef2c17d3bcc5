import { buildReply, buildRequest, canonical, openSecurity, verifyParams, withinSkew } from './csb-codec';

const creds = { accessKey: 'AK', secretKey: 'secret', sm4Key: '00112233445566778899aabbccddeeff' };

describe('the CSB gateway envelope', () => {
  it('signs the sorted parameters without the signature and without empty values', () => {
    expect(canonical({ b: '2', a: '1', _api_signature: 'x', c: '' })).toBe('a=1&b=2');
  });

  it('builds a request whose signature verifies and whose security blob opens', () => {
    const p = buildRequest('essc.person.verify', { aac002: '370202198503152027' }, creds, 1_700_000_000_000);
    expect(p).toMatchObject({ _api_name: 'essc.person.verify', _api_version: '1.0.0', _api_timestamp: '1700000000000', _api_access_key: 'AK' });
    expect(p.security).not.toContain('370202');
    expect(verifyParams(p, creds.secretKey)).toBe(true);
    expect(openSecurity(p.security, creds.sm4Key)).toEqual({ aac002: '370202198503152027' });
  });

  it('detects any changed parameter or a wrong key', () => {
    const p = buildRequest('essc.person.verify', { a: 1 }, creds, 1_700_000_000_000);
    expect(verifyParams({ ...p, _api_timestamp: '1700000000001' }, creds.secretKey)).toBe(false);
    expect(verifyParams(p, 'other')).toBe(false);
  });

  it('signs replies the same way', () => {
    const r = buildReply('000000', '成功', { ok: true }, creds, 1_700_000_000_000);
    expect(verifyParams(r as never, creds.secretKey)).toBe(true);
    expect(verifyParams({ ...r, msgCode: '200001' } as never, creds.secretKey)).toBe(false);
    expect(openSecurity(r.result!, creds.sm4Key)).toEqual({ ok: true });
  });

  it('accepts timestamps within five minutes either way only', () => {
    const now = 1_700_000_000_000;
    expect(withinSkew(String(now - 299_000), now)).toBe(true);
    expect(withinSkew(String(now + 299_000), now)).toBe(true);
    expect(withinSkew(String(now - 301_000), now)).toBe(false);
    expect(withinSkew('abc', now)).toBe(false);
  });
});
