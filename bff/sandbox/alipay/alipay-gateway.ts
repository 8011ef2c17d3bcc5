import { createSign, createVerify } from 'node:crypto';

/**
 * The Alipay OpenAPI v2 gateway protocol (`gateway.do`), shared by the twin and its tests:
 * requests carry every parameter (in the query and the form body) signed RSA2 with the app's
 * private key over `k=v` pairs sorted by key, `sign` left out; answers are
 * `{"<method with _>_response": {...}, "sign": "..."}` where the signature is RSA2 with Alipay's
 * private key over the exact JSON text of the `_response` value, which is what `alipay-sdk`
 * verifies.
 */

export function requestSignString(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== undefined && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

export function verifyRequest(params: Record<string, string>, appPublicKey: string): boolean {
  if (!params.sign) return false;
  try {
    return createVerify('RSA-SHA256').update(requestSignString(params), 'utf8').verify(appPublicKey, params.sign, 'base64');
  } catch {
    return false;
  }
}

export function signRequest(params: Record<string, string>, appPrivateKey: string): string {
  return createSign('RSA-SHA256').update(requestSignString(params), 'utf8').sign(appPrivateKey, 'base64');
}

export function responseKey(method: string): string {
  return `${method.replace(/\./g, '_')}_response`;
}

/** The answer body as Alipay writes it: the signed JSON text is embedded byte for byte. */
export function signedResponseBody(method: string, payload: Record<string, unknown>, alipayPrivateKey: string): string {
  const json = JSON.stringify(payload);
  const sign = createSign('RSA-SHA256').update(json, 'utf8').sign(alipayPrivateKey, 'base64');
  return `{"${responseKey(method)}":${json},"sign":"${sign}"}`;
}

export const SUCCESS = { code: '10000', msg: 'Success' } as const;

export type AlipayError = {
  code: string;
  msg: string;
  sub_code: string;
  sub_msg: string;
};

export const invalidArguments = (sub_code: string, sub_msg: string): AlipayError => ({ code: '40002', msg: 'Invalid Arguments', sub_code, sub_msg });
export const businessFailed = (sub_code: string, sub_msg: string): AlipayError => ({ code: '40004', msg: 'Business Failed', sub_code, sub_msg });
