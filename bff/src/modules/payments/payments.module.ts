import type { DataSource } from 'typeorm';
import type { Adapters } from '../../adapters';
import { WechatPaySheetSandbox } from '../../adapters/wechat-pay/wechat-pay-sheet.sandbox';
import { cstDate } from '../../adapters/wechat-pay/wechat-pay.crypto';
import type { Config } from '../../config';
import type { ApiRouter } from '../../http/api-router';
import type { KvStore } from '../../kv/kv-store';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { Scheduler } from '../../lib/scheduler';
import type { AuditService } from '../audit/audit.service';
import { AppUser } from '../auth/app-user.entity';
import { DEMO_EXAM_FEE, demoExamFeePayable } from './demo-exam-fee.payable';
import { PaymentHooks } from './payment-hooks';
import { DEFAULT_SWEEPER, PaymentSweeper, type SweeperOptions } from './payment-sweeper';
import { PaymentStore } from './payment.store';
import { PayableRegistry } from './payables';
import { mountPaymentRoutes } from './payments.routes';
import { PaymentsService } from './payments.service';
import { formatReconciliationReport, RECONCILED_PROVIDERS, ReconciliationService } from './reconciliation/reconciliation.service';
import { wechatPayGateway } from './wechat-pay.gateway';
import { alipayGateway } from './alipay.gateway';
import { ecardGateway } from './ecard.gateway';
import { alipayNotifyRoute } from './alipay.notify';
import { wechatPayNotifyRoute } from './wechat-pay.notify';

export interface PaymentsModuleDeps {
  config: Config;
  db: DataSource;
  kv: KvStore;
  clock: Clock;
  logger: Logger;
  adapters: Adapters;
  audit: AuditService;
}

/**
 * The payments feature, assembled: store (guarded transitions), hooks, payable registry,
 * gateways, service, sweeper and reconciliation. Later features register their payables on
 * `payables` and react to payments through `hooks`.
 */
export function createPaymentsModule(d: PaymentsModuleDeps) {
  const hooks = new PaymentHooks();
  const payables = new PayableRegistry();
  // The demo catalogue exists only where the twins stand in for the real systems.
  if (d.config.sandbox.enabled) payables.register(demoExamFeePayable(() => d.clock.now()));
  const store = new PaymentStore(d.db, d.clock, hooks);
  const service = new PaymentsService({
    store,
    payables,
    gateways: { wechatpay: wechatPayGateway(d.adapters.wechatPay), alipay: alipayGateway(d.adapters.alipay), ecard: ecardGateway(d.adapters.national, d.config.national.channelNo) },
    audit: d.audit,
    clock: d.clock,
    logger: d.logger,
    users: d.db.getRepository(AppUser),
    config: { orderTtlSeconds: d.config.payments.orderTtlSeconds, sandbox: d.config.sandbox.enabled, notifyUrls: { wechatpay: d.config.wechatPay.notifyUrl, alipay: d.config.alipay.notifyUrl } },
  });
  const reconciliation = new ReconciliationService(d.db, d.clock, d.adapters.wechatPay, d.adapters.national, d.adapters.alipay);
  const sheet = d.config.sandbox.enabled ? new WechatPaySheetSandbox(d.config.sandbox.url) : undefined;

  return {
    hooks,
    payables,
    store,
    service,
    reconciliation,
    sweeper: (opts: SweeperOptions = DEFAULT_SWEEPER) => new PaymentSweeper(store, service, d.logger, opts),
    mount(api: ApiRouter) {
      mountPaymentRoutes(api, { payments: service, sheet, wechatPayNotify: wechatPayNotifyRoute({ client: d.adapters.wechatPay, payments: service, audit: d.audit }), alipayNotify: alipayNotifyRoute({ client: d.adapters.alipay, payments: service, audit: d.audit }) });
    },
    /**
     * The background jobs: the closer/chaser every 30 s, and the reconciliation of yesterday at
     * PAYMENT_RECONCILE_AT China time — once per day across all BFF processes (a KV mark).
     */
    schedule(scheduler: Scheduler, opts: { sweepEveryMs?: number } = {}) {
      const sweeper = new PaymentSweeper(store, service, d.logger);
      scheduler.every('payments.sweep', opts.sweepEveryMs ?? 30_000, () => sweeper.runOnce());
      for (const provider of RECONCILED_PROVIDERS) {
        scheduler.dailyAt(`payments.reconcile.${provider}`, d.config.payments.reconcileAt, async (dueAt) => {
          const date = cstDate(dueAt - 86_400_000);
          const mark = `job:payments.reconcile:${provider}:${date}`;
          if (!(await d.kv.setIfAbsent(mark, String(d.clock.now()), 36 * 3600_000))) return;
          // A failed run (bill not ready, provider unreachable) leaves the day to `npm run reconcile` or another process.
          const report = await reconciliation.reconcile(date, provider).catch(async (err) => {
            await d.kv.del(mark);
            throw err;
          });
          const log = report.mismatches.length ? d.logger.error.bind(d.logger) : d.logger.info.bind(d.logger);
          log({ job: 'payments.reconcile', provider, billDate: date, mismatches: report.mismatches.length, matched: report.matched }, formatReconciliationReport(report));
        });
      }
      return scheduler;
    },
  };
}

export type PaymentsModule = ReturnType<typeof createPaymentsModule>;
export { DEMO_EXAM_FEE };
