import { createHash } from 'node:crypto';
import { parseYuanToFen } from '@qdssc/shared';
import { parseCst, type AlipayClient } from '../../adapters/alipay/alipay.client';
import type { AppContext, AppMiddleware } from '../../http/context';
import type { AuditService } from '../audit/audit.service';
import type { PaymentsService } from './payments.service';

/**
 * `POST /notify/alipay`: Alipay's asynchronous notification (form, `trade_status_sync`).
 * Nothing in it is used before the RSA2 signature with Alipay's public key checks out; then
 * app_id and seller_id must be ours and the amount the order's (PaymentsService). The answer is
 * the plain text `success` once handled (duplicates included) — anything else makes Alipay
 * retry over 25 hours — and `fail` for a refused notification.
 */
export function alipayNotifyRoute(deps: { client: AlipayClient; payments: PaymentsService; audit: AuditService }): AppMiddleware {
  const { client, payments, audit } = deps;
  return async (ctx) => {
    const c = ctx as AppContext;
    const raw = c.state.rawBody?.toString('utf8') ?? '';
    const params: Record<string, string> = Object.fromEntries(new URLSearchParams(raw));
    const refuse = async (problem: string) => {
      const bodySha256 = createHash('sha256').update(raw).digest('hex').slice(0, 16);
      c.state.log.warn({ notify: 'alipay', problem, ip: c.ip, bodyBytes: raw.length, bodySha256 }, 'payment notification rejected');
      await audit.record({ action: 'payment.notify', result: 'refused', code: problem, channel: 'alipay', requestId: c.state.requestId, detail: { bodySha256, ip: c.ip } });
      c.status = 400;
      c.type = 'text/plain';
      c.body = 'fail';
    };
    if (!params.sign || !params.notify_id) return refuse('MISSING_FIELDS');
    if (!client.verifyNotify(params)) return refuse('BAD_SIGNATURE');
    if (params.app_id !== client.appId) return refuse('WRONG_APP');
    if (params.seller_id !== client.sellerId) return refuse('WRONG_SELLER');

    const status = params.trade_status;
    if (status === 'TRADE_SUCCESS' || status === 'TRADE_FINISHED') {
      const amountFen = parseYuanToFen(params.total_amount ?? '') ?? -1;
      const { outcome } = await payments.applyProviderPayment(
        'alipay',
        { outTradeNo: params.out_trade_no ?? '', providerTxnId: params.trade_no ?? '', paidAt: parseCst(params.gmt_payment ?? '') ?? Date.now(), amountFen, mchid: params.seller_id, appid: params.app_id },
        'notify',
      );
      c.state.log.debug({ notify: 'alipay', notifyId: params.notify_id, outTradeNo: params.out_trade_no, outcome }, 'payment notification handled');
    } else {
      c.state.log.info({ notify: 'alipay', notifyId: params.notify_id, tradeStatus: status }, 'notification of a trade status we do not act on; acknowledged');
    }
    c.status = 200;
    c.type = 'text/plain';
    c.body = 'success';
  };
}
