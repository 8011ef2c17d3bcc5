import { API } from '@qdssc/shared';
import type { DataSource } from 'typeorm';
import type { Adapters } from '../../adapters';
import type { Config } from '../../config';
import { AppError } from '../../http/app-error';
import type { ApiRouter } from '../../http/api-router';
import type { AppContext } from '../../http/context';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { Scheduler } from '../../lib/scheduler';
import type { AuditService } from '../audit/audit.service';
import type { CardStatusService } from '../ecard/card-status.service';
import { PasswordGate } from '../ecard/ecard-password';
import type { QrCodeService } from '../ecard/qr-code.service';
import type { ResidentService } from '../identity/resident.service';
import type { PaymentsModule } from '../payments/payments.module';
import type { TerminalService } from '../terminal/terminal.service';
import { EcardPayService } from './ecard-pay.service';
import { MerchantCodeService } from './merchant-code.service';
import { TerminalChargeService } from './terminal-charge.service';

export interface PayTerminalDeps {
  config: Config;
  db: DataSource;
  clock: Clock;
  logger: Logger;
  adapters: Adapters;
  audit: AuditService;
  payments: PaymentsModule;
  qr: QrCodeService;
  terminals: TerminalService;
  residents: ResidentService;
  cardStatus: CardStatusService;
}

/**
 * E-card account payments (provider `ecard`), terminal charges (the merchant scans the
 * resident's code) and merchant codes (the resident scans the merchant's), on top of the
 * payments module's orders, store and hooks.
 */
export function createPayTerminalModule(d: PayTerminalDeps) {
  const passwords = new PasswordGate(d.db, d.clock);
  const limits = {
    ...(d.config.payments.ecardNoPasswordLimitFen !== undefined ? { noPasswordPerPaymentFen: d.config.payments.ecardNoPasswordLimitFen, noPasswordDailyFen: d.config.payments.ecardNoPasswordLimitFen } : {}),
    ...(d.config.payments.ecardDailyLimitFen !== undefined ? { dailyFen: d.config.payments.ecardDailyLimitFen } : {}),
  };
  const ecardPay = new EcardPayService({
    db: d.db, clock: d.clock, logger: d.logger, national: d.adapters.national, channelNo: d.config.national.channelNo, residents: d.residents,
    cardStatus: d.cardStatus, passwords, payments: d.payments.service, audit: d.audit, limits: limits as never,
  });
  const charges = new TerminalChargeService({
    db: d.db, clock: d.clock, logger: d.logger, qr: d.qr, terminals: d.terminals, passwords, ecardPay, payments: d.payments.service,
    store: d.payments.store, hooks: d.payments.hooks, audit: d.audit, confirmSeconds: d.config.payments.terminalConfirmSeconds,
  });
  const merchants = new MerchantCodeService(d.db, d.config.qrSigningKey, d.clock);
  d.payments.payables.register(merchants.payable());

  const session = (ctx: AppContext) => ctx.state.session!;

  return {
    ecardPay,
    charges,
    merchants,
    mount(api: ApiRouter) {
      const P = API.payTerminal;
      api.mount(P.resolveMerchantCode, async ({ body }) => merchants.resolve(body.code, body.amountFen));
      api.mount(P.ecardPay, async ({ params, body, ctx }) => {
        const s = session(ctx);
        const payer = { userId: s.userId, residentId: s.residentId, channel: s.channel };
        const order = await d.payments.service.ownOrder(payer, params.orderId);
        const paid = await ecardPay.payOrder(order, s.residentId, body.password, order.description, { userId: s.userId, channel: s.channel });
        return d.payments.service.view(paid, payer);
      });
      api.mount(P.pendingCharges, async ({ ctx }) => charges.pending(session(ctx).residentId));
      api.mount(P.confirmPendingCharge, async ({ params, body, ctx }) => charges.confirm(session(ctx), params.id, body.password, ctx.state.requestId));
      api.mount(P.declinePendingCharge, async ({ params, ctx }) => charges.decline(session(ctx), params.id));
      const terminal = (ctx: AppContext) => {
        if (!ctx.state.terminal) throw new AppError('TERMINAL_HEADERS_MISSING');
        return ctx.state.terminal;
      };
      api.mount(P.terminalCharge, async ({ body, ctx }) => charges.create(terminal(ctx), body, ctx.state.requestId));
      api.mount(P.terminalChargeStatus, async ({ params, ctx }) => charges.status(terminal(ctx), params.outTradeNo));
      api.mount(P.terminalChargeReverse, async ({ params, ctx }) => charges.reverse(terminal(ctx), params.outTradeNo, ctx.state.requestId));
    },
    /** Unconfirmed terminal charges are reversed within a few seconds of their deadline. */
    schedule(scheduler: Scheduler, opts: { everyMs?: number } = {}) {
      scheduler.every('payments.terminal-charges', opts.everyMs ?? 5_000, () => charges.expireWaiting());
      return scheduler;
    },
  };
}

export type PayTerminalModule = ReturnType<typeof createPayTerminalModule>;
