import { createHash } from 'node:crypto';
import type { WechatPayClient } from '../../adapters/wechat-pay/wechat-pay.client';
import type { WxRefundNotice, WxTransaction } from '../../adapters/wechat-pay/wechat-pay.types';
import type { AppContext, AppMiddleware } from '../../http/context';
import type { AuditService } from '../audit/audit.service';
import type { PaymentsService } from './payments.service';

/** HTTP status per verification problem: 4xx asks WeChat Pay to retry (a rotated key may fix it), never 2xx. */
const REJECT_STATUS = {
  MISSING_HEADERS: 401,
  UNKNOWN_SERIAL: 401,
  STALE_TIMESTAMP: 401,
  BAD_SIGNATURE: 401,
  MALFORMED: 400,
  DECRYPT_FAILED: 400,
} as const;

function fail(ctx: AppContext, status: number, message: string) {
  ctx.status = status;
  ctx.body = { code: 'FAIL', message };
}

/**
 * `POST /notify/wechatpay`: payment and refund notifications. Nothing of the body is used before
 * the platform signature over the raw bytes, the key serial and the ±5 min window are checked
 * and the resource is decrypted (AES-256-GCM authenticates it again); then merchant, app,
 * order and amount are checked against our order. Answers follow the spec: 204 when handled
 * (including duplicates), 4xx/5xx with `{code, message}` to ask for a retry.
 */
export function wechatPayNotifyRoute(deps: { client: WechatPayClient; payments: PaymentsService; audit: AuditService }): AppMiddleware {
  const { client, payments, audit } = deps;
  return async (ctx) => {
    const c = ctx as AppContext;
    const raw = c.state.rawBody?.toString('utf8') ?? '';
    const v = client.verifyNotification(
      { timestamp: c.get('wechatpay-timestamp'), nonce: c.get('wechatpay-nonce'), signature: c.get('wechatpay-signature'), serial: c.get('wechatpay-serial') },
      raw,
    );
    if (!v.ok) {
      // Logged without the body (it is someone else's message, possibly crafted); its hash identifies it.
      const bodySha256 = createHash('sha256').update(raw).digest('hex').slice(0, 16);
      c.state.log.warn({ notify: 'wechatpay', problem: v.problem, serial: c.get('wechatpay-serial').slice(0, 64), ip: c.ip, bodyBytes: raw.length, bodySha256 }, 'payment notification rejected');
      await audit.record({ action: 'payment.notify', result: 'refused', code: v.problem, channel: 'wechatpay', requestId: c.state.requestId, detail: { bodySha256, ip: c.ip } });
      return fail(c, REJECT_STATUS[v.problem], v.problem === 'MALFORMED' || v.problem === 'DECRYPT_FAILED' ? '报文解析失败' : '签名验证失败');
    }

    if (v.eventType === 'TRANSACTION.SUCCESS') {
      const t = v.data as unknown as WxTransaction;
      if (t.trade_state !== 'SUCCESS' || !t.out_trade_no || !t.transaction_id || !t.amount) {
        c.state.log.warn({ notify: 'wechatpay', id: v.id, tradeState: t.trade_state }, 'payment notification without a successful transaction; ignored');
      } else {
        const { outcome } = await payments.applyProviderPayment(
          'wechatpay',
          { outTradeNo: t.out_trade_no, providerTxnId: t.transaction_id, paidAt: Date.parse(t.success_time ?? '') || Date.now(), amountFen: t.amount.total, mchid: t.mchid, appid: t.appid },
          'notify',
        );
        c.state.log.debug({ notify: 'wechatpay', id: v.id, outTradeNo: t.out_trade_no, outcome }, 'payment notification handled');
      }
    } else if (v.eventType.startsWith('REFUND.')) {
      const n = v.data as unknown as WxRefundNotice;
      const outcome = await payments.applyProviderRefund(
        'wechatpay',
        { mchid: n.mchid, outTradeNo: n.out_trade_no, outRefundNo: n.out_refund_no, status: n.refund_status, providerRefundId: n.refund_id, succeededAt: n.success_time ? Date.parse(n.success_time) : null, amountFen: n.amount?.refund ?? -1 },
        'notify',
      );
      c.state.log.debug({ notify: 'wechatpay', id: v.id, outRefundNo: n.out_refund_no, outcome }, 'refund notification handled');
    } else {
      c.state.log.info({ notify: 'wechatpay', id: v.id, eventType: v.eventType }, 'notification of a kind we do not handle; acknowledged');
    }
    c.status = 204;
    c.body = null;
  };
}
