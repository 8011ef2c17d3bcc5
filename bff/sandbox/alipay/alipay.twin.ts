import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Router from '@koa/router';
import { sleep } from '../faults';
import { OneTimeCodes } from '../one-time-codes';
import type { SandboxContext } from '../sandbox-context';
import { alipayMessageControl, templateMessageSend } from './alipay-message.apis';
import { businessFailed, invalidArguments, signedResponseBody, SUCCESS, verifyRequest, type AlipayError } from './alipay-gateway';
import { alipayBillFiles, alipayTradeApis, alipayTradeControl } from './alipay-trade.apis';

export interface AlipayCall {
  method: string;
  /** Every request parameter, query and form merged (already signature-checked). */
  params: Record<string, string>;
  /** biz_content parsed, or {} */
  biz: Record<string, unknown>;
  /** Where this twin is reached (for URLs it hands out, like the bill download). */
  baseUrl: string;
}

export type AlipayAnswer = { ok: Record<string, unknown> } | { error: AlipayError };
export type AlipayApiHandler = (call: AlipayCall, sc: SandboxContext) => AlipayAnswer | Promise<AlipayAnswer>;

interface CertifySession {
  outerOrderNo: string;
  certName: string;
  certNo: string;
  certType: string;
  passed?: boolean;
}

let strayKey: string | undefined;
/** A key that is not Alipay's, for the 'bad-signature' fault. */
function wrongKey(): string {
  strayKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return strayKey;
}

/** Per-sandbox state of the Alipay twin: auth codes (single use, 5 min) and certify sessions. */
export interface AlipayState {
  authCodes: OneTimeCodes<string>;
  certify: Map<string, CertifySession>;
}

const states = new WeakMap<SandboxContext, AlipayState>();

export function alipayState(sc: SandboxContext): AlipayState {
  let s = states.get(sc);
  if (!s) states.set(sc, (s = { authCodes: new OneTimeCodes<string>(5 * 60_000, sc.now), certify: new Map() }));
  return s;
}

/** alipay.system.oauth.token: an auth code from my.getAuthCode → the user's user_id. */
const oauthToken: AlipayApiHandler = ({ params }, sc) => {
  if (params.grant_type !== 'authorization_code') return { error: invalidArguments('isv.grant-type-invalid', '不支持的授权类型') };
  const userId = params.code ? alipayState(sc).authCodes.redeem(params.code) : undefined;
  if (!userId) return { error: invalidArguments('isv.code-invalid', '授权码code无效') };
  return {
    ok: {
      user_id: userId,
      access_token: `authusrB${randomBytes(12).toString('hex')}`,
      expires_in: 1296000,
      refresh_token: `authusrB${randomBytes(12).toString('hex')}`,
      re_expires_in: 2592000,
      auth_start: new Date(sc.now()).toISOString().replace('T', ' ').slice(0, 19),
    },
  };
};

/** alipay.user.certify.open.initialize: a certify_id for the identity to be face-checked. */
const certifyInitialize: AlipayApiHandler = ({ biz }, sc) => {
  const idp = (biz.identity_param ?? {}) as Record<string, string>;
  if (!biz.outer_order_no || !biz.biz_code || idp.identity_type !== 'CERT_INFO' || !idp.cert_name || !idp.cert_no || !idp.cert_type) {
    return { error: invalidArguments('isv.missing-required-arguments', '缺少必选参数') };
  }
  const st = alipayState(sc);
  const existing = [...st.certify.entries()].find(([, s]) => s.outerOrderNo === biz.outer_order_no);
  if (existing) return { ok: { certify_id: existing[0] } };
  const certifyId = randomBytes(16).toString('hex');
  st.certify.set(certifyId, { outerOrderNo: String(biz.outer_order_no), certName: idp.cert_name, certNo: idp.cert_no, certType: idp.cert_type });
  return { ok: { certify_id: certifyId } };
};

/** alipay.user.certify.open.query: `passed` T once the resident passed on the device, F otherwise. */
const certifyQuery: AlipayApiHandler = ({ biz }, sc) => {
  const s = alipayState(sc).certify.get(String(biz.certify_id ?? ''));
  if (!s) return { error: businessFailed('CERTIFY_ID_INVALID', '认证ID不存在') };
  return { ok: { passed: s.passed ? 'T' : 'F', identity_info: JSON.stringify({ cert_type: s.certType }), material_info: '{}' } };
};

/** Methods of the gateway; features add theirs (alipay.trade.* …) by spreading their own table here. */
export const alipayApis: Record<string, AlipayApiHandler> = {
  'alipay.system.oauth.token': oauthToken,
  'alipay.user.certify.open.initialize': certifyInitialize,
  'alipay.user.certify.open.query': certifyQuery,
  'alipay.open.app.mini.templatemessage.send': (call, sc) => templateMessageSend(call, sc),
  ...alipayTradeApis,
};

/**
 * Alipay OpenAPI gateway twin: `POST /alipay/gateway.do`. Checks what the real gateway checks
 * (app_id, sign_type, the RSA2 request signature with the app's public key), answers signed with
 * its own private key, and can be told to fail (`alipay:<method>` in the fault book).
 */
export function alipayTwin(sc: SandboxContext, apis: Record<string, AlipayApiHandler> = alipayApis) {
  const r = new Router({ prefix: '/alipay' });
  const creds = () => sc.credentials.alipay as { appId: string; appPublicKey: string; alipayPrivateKey: string };

  r.post('/gateway.do', async (ctx) => {
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(ctx.query)) if (typeof v === 'string') params[k] = v;
    for (const [k, v] of Object.entries((ctx.request.body ?? {}) as Record<string, unknown>)) if (typeof v === 'string') params[k] = v;
    const method = params.method ?? '';
    const answer = (payload: Record<string, unknown>, key = creds().alipayPrivateKey) => {
      ctx.type = 'application/json;charset=utf-8';
      ctx.body = signedResponseBody(method || 'alipay.unknown', payload, key);
    };

    const fault = sc.faults.take('alipay', method);
    if (fault?.mode === 'timeout') await sleep(fault.delayMs ?? 30_000);
    if (fault?.mode === 'http500') {
      ctx.status = 502;
      ctx.type = 'text/html';
      ctx.body = '<html><body>502 Bad Gateway</body></html>';
      return;
    }
    if (fault?.mode === 'busy') return answer({ code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error', sub_msg: '系统繁忙' });

    if (params.app_id !== creds().appId) return answer(invalidArguments('isv.invalid-app-id', '无效的AppID参数'));
    if (params.sign_type !== 'RSA2') return answer(invalidArguments('isv.invalid-signature-type', '无效的签名类型'));
    if (!verifyRequest(params, creds().appPublicKey)) return answer(invalidArguments('isv.invalid-signature', '验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配'));
    const handler = apis[method];
    if (!handler) return answer(invalidArguments('isv.invalid-method', '不存在的方法名'));
    let biz: Record<string, unknown> = {};
    if (params.biz_content) {
      try {
        biz = JSON.parse(params.biz_content);
      } catch {
        return answer(invalidArguments('isv.invalid-biz-content', 'biz_content 格式错误'));
      }
    }
    const result = await handler({ method, params, biz, baseUrl: `${ctx.protocol}://${ctx.host}` }, sc);
    const payload = 'ok' in result ? { ...SUCCESS, ...result.ok } : { ...result.error };
    answer(payload, fault?.mode === 'bad-signature' ? wrongKey() : undefined);
  });

  const control = new Router({ prefix: '/sandbox/alipay' });
  control.post('/auth-codes', async (ctx) => {
    const { userId } = (ctx.request.body ?? {}) as { userId?: string };
    if (!userId) {
      ctx.status = 400;
      ctx.body = { error: 'userId required' };
      return;
    }
    ctx.body = { authCode: alipayState(sc).authCodes.mint(userId) };
  });
  /** Stands in for my.startAPVerify on the device. */
  control.post('/certify-results', async (ctx) => {
    const { certifyId, passed } = (ctx.request.body ?? {}) as { certifyId?: string; passed?: boolean };
    const s = certifyId ? alipayState(sc).certify.get(certifyId) : undefined;
    if (!s) {
      ctx.status = 404;
      ctx.body = { error: 'unknown certifyId' };
      return;
    }
    s.passed = passed !== false;
    ctx.body = { ok: true };
  });

  return [r, control, alipayMessageControl(sc), alipayTradeControl(sc), alipayBillFiles(sc)];
}
