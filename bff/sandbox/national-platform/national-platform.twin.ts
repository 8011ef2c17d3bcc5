import Router from '@koa/router';
import {
  buildReply,
  CSB_VERSION,
  MSG,
  openSecurity,
  verifyParams,
  withinSkew,
} from '../../src/adapters/national-platform/csb-codec';
import { sleep } from '../faults';
import type { Persona } from '../roster';
import type { SandboxContext } from '../sandbox-context';
import { esscCardApis } from './essc-card.apis';
import { esscPayApis, esscPayControl } from './essc-pay.apis';

export interface CsbAnswer {
  msgCode: string;
  msg: string;
  result?: unknown;
}

/** One API of the gateway: business fields in, answer out. */
export type CsbApiHandler = (biz: Record<string, unknown>, sc: SandboxContext) => CsbAnswer | Promise<CsbAnswer>;

export function findPersona(sc: SandboxContext, idNumber: unknown): Persona | undefined {
  return sc.roster.personas.find((p) => p.idNumber === idNumber);
}

/** 人员核验: the name must match the ID number; `insured` says whether the person is insured in `aab301`. */
const verifyPerson: CsbApiHandler = (biz, sc) => {
  const p = findPersona(sc, biz.aac002);
  if (!p || p.name !== biz.aac003) return { msgCode: MSG.PERSON_MISMATCH, msg: '姓名与身份证件号码不匹配' };
  return { msgCode: MSG.OK, msg: '成功', result: { aab301: p.insuredArea, insured: p.insured && p.insuredArea === biz.aab301 } };
};

export const nationalApis: Record<string, CsbApiHandler> = {
  'essc.person.verify': verifyPerson,
  ...esscCardApis,
  ...esscPayApis,
};

/**
 * The national e-SSC platform's CSB gateway twin: `POST /national/gateway`. It checks what the
 * real gateway checks, in the same order (access key, timestamp window, signature, security
 * blob), answers with signed and sealed replies, and can be told to fail.
 */
export function nationalPlatformTwin(sc: SandboxContext, apis: Record<string, CsbApiHandler> = nationalApis) {
  const r = new Router({ prefix: '/national' });
  const creds = sc.credentials.national;

  r.post('/gateway', async (ctx) => {
    const p = (ctx.request.body ?? {}) as Record<string, string>;
    const api = p._api_name ?? '';
    const reply = (a: CsbAnswer, opts: { key?: string; at?: number } = {}) => {
      ctx.type = 'application/json';
      ctx.body = buildReply(a.msgCode, a.msg, a.result, { secretKey: opts.key ?? creds.secretKey, sm4Key: creds.sm4Key }, opts.at ?? sc.now());
    };

    const fault = sc.faults.take('national', api);
    if (fault?.mode === 'timeout') await sleep(fault.delayMs ?? 30_000);
    if (fault?.mode === 'http500') {
      ctx.status = 500;
      ctx.type = 'text/html';
      ctx.body = '<html><body>500 Internal Server Error</body></html>';
      return;
    }
    if (fault?.mode === 'busy') return reply({ msgCode: MSG.SYSTEM_BUSY, msg: '系统繁忙，请稍后再试' });

    if (p._api_access_key !== creds.accessKey) return reply({ msgCode: MSG.ACCESS_KEY_UNKNOWN, msg: '无效的接入标识' });
    if (!withinSkew(p._api_timestamp, sc.now())) return reply({ msgCode: MSG.TIMESTAMP_EXPIRED, msg: '请求时间戳超出允许范围' });
    if (!verifyParams(p, creds.secretKey)) return reply({ msgCode: MSG.SIGNATURE_INVALID, msg: '签名校验失败' });
    if (p._api_version !== CSB_VERSION) return reply({ msgCode: MSG.API_UNKNOWN, msg: '接口版本不存在' });
    const handler = apis[api];
    if (!handler) return reply({ msgCode: MSG.API_UNKNOWN, msg: '接口不存在' });
    let biz: Record<string, unknown>;
    try {
      biz = openSecurity(p.security ?? '', creds.sm4Key);
    } catch {
      return reply({ msgCode: MSG.SECURITY_INVALID, msg: '业务报文解密失败' });
    }
    if (biz.channelNo !== creds.channelNo) return reply({ msgCode: MSG.PARAM_INVALID, msg: '渠道编号无效' });

    const answer = await handler(biz, sc);
    if (fault?.mode === 'bad-signature') return reply(answer, { key: 'not-the-channel-secret' });
    if (fault?.mode === 'stale-timestamp') return reply(answer, { at: sc.now() - 10 * 60_000 });
    reply(answer);
  });

  return [r, esscPayControl(sc)];
}
