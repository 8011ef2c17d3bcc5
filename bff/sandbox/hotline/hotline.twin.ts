import Router from '@koa/router';
import type Koa from 'koa';
import { containsUnmaskedPii } from '@qdssc/shared';
import { checkSignedRequest } from '../../src/lib/crypto/request-signing';
import { sleep } from '../faults';
import type { SandboxContext } from '../sandbox-context';

export interface HotlineCredentials {
  channelNo: string;
  secret: string;
}

export interface StoredTicket {
  ticketNo: string;
  acceptedAt: string;
  channelNo: string;
  body: Record<string, any>;
}

const MASKED_ID = /^[0-9A-Za-z]{4}\*{10}[0-9Xx]{4}$/;

/**
 * The 12345 hotline's ticket API twin: `POST /hotline/v1/tickets`, signed with the request-signing
 * scheme under `X-Channel-No`. Checks in the order the real gateway does (channel, timestamp
 * window, signature, nonce reuse, fields) and refuses a ticket carrying an unmasked ID number or
 * phone number — the privacy rule the hotline's data-sharing agreement sets. A repeated
 * `clientRef` gets the ticket it got the first time. `GET /sandbox/hotline/tickets` lists what
 * arrived (tests and demos read it; staff would see these in their console).
 */
export function hotlineTwin(sc: SandboxContext) {
  const r = new Router({ prefix: '/hotline' });
  const creds = sc.credentials.hotline as HotlineCredentials;
  const tickets: StoredTicket[] = [];
  const byRef = new Map<string, StoredTicket>();
  const nonces = new Map<string, number>();
  let seq = 0;

  const answer = (ctx: Koa.Context, status: number, code: string, message: string, data?: unknown) => {
    ctx.status = status;
    ctx.type = 'application/json';
    ctx.body = { code, message, ...(data ? { data } : {}) };
  };

  r.post('/v1/tickets', async (ctx) => {
    const fault = sc.faults.take('hotline', 'tickets.create');
    if (fault?.mode === 'timeout') await sleep(fault.delayMs ?? 30_000);
    if (fault?.mode === 'http500') {
      ctx.status = 502;
      ctx.type = 'text/html';
      ctx.body = '<html><body>502 Bad Gateway</body></html>';
      return;
    }
    if (fault?.mode === 'busy') return answer(ctx, 200, 'BUSY', '系统繁忙，请稍后再试');

    if (ctx.get('x-channel-no') !== creds.channelNo) return answer(ctx, 401, 'CHANNEL_UNKNOWN', '渠道编号无效');
    const now = sc.now();
    const problem = checkSignedRequest(
      creds.secret,
      {
        method: ctx.method,
        pathWithQuery: ctx.originalUrl,
        timestamp: ctx.get('x-timestamp') || undefined,
        nonce: ctx.get('x-nonce') || undefined,
        signature: ctx.get('x-signature') || undefined,
        body: (ctx.state.rawBody as Buffer) ?? Buffer.alloc(0),
      },
      now,
    );
    if (problem === 'STALE_TIMESTAMP') return answer(ctx, 401, 'TIMESTAMP_EXPIRED', '请求时间戳超出允许范围');
    if (problem) return answer(ctx, 401, 'SIGNATURE_INVALID', `签名校验失败（${problem}）`);
    for (const [n, exp] of nonces) if (exp < now) nonces.delete(n);
    const nonce = ctx.get('x-nonce');
    if (nonces.has(nonce)) return answer(ctx, 401, 'NONCE_REPLAYED', '请求已处理过（随机数重复）');
    nonces.set(nonce, now + 10 * 60_000);

    // Only now, with the sender known, is the body read.
    const b = (ctx.request.body ?? {}) as Record<string, any>;
    const missing = ['clientRef', 'category', 'summary', 'operation', 'occurredAt'].filter((k) => typeof b[k] !== 'string' || !b[k]);
    if (missing.length || typeof b.caller !== 'object' || b.caller === null) return answer(ctx, 400, 'PARAM_INVALID', `缺少字段：${missing.join(',') || 'caller'}`);
    const c = b.caller as Record<string, any>;
    const texts = [b.summary, b.operation, b.errorMessage, b.note, b.page, c.maskedName, c.maskedIdNumber].filter((t): t is string => typeof t === 'string');
    const idOk = c.maskedIdNumber === null || c.maskedIdNumber === undefined || MASKED_ID.test(c.maskedIdNumber);
    const nameOk = c.maskedName === null || c.maskedName === undefined || String(c.maskedName).includes('*') || String(c.maskedName).length <= 1;
    if (!idOk || !nameOk || texts.some(containsUnmaskedPii)) return answer(ctx, 400, 'PII_NOT_ALLOWED', '工单不得包含未脱敏的身份证号、姓名或电话号码');

    const known = byRef.get(`${creds.channelNo}|${b.clientRef}`);
    if (known) return answer(ctx, 200, '0', '受理成功', { ticketNo: known.ticketNo, acceptedAt: known.acceptedAt });
    seq += 1;
    const acceptedAt = new Date(now).toISOString();
    const day = new Date(now + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
    const t: StoredTicket = { ticketNo: `QD${day}${String(seq).padStart(6, '0')}`, acceptedAt, channelNo: creds.channelNo, body: b };
    tickets.push(t);
    byRef.set(`${creds.channelNo}|${b.clientRef}`, t);
    return answer(ctx, 200, '0', '受理成功', { ticketNo: t.ticketNo, acceptedAt });
  });

  const control = new Router({ prefix: '/sandbox/hotline' });
  control.get('/tickets', (ctx) => {
    ctx.body = { tickets };
  });

  return Object.assign([r, control], { tickets });
}
