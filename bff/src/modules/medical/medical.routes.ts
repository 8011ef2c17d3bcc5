import { API } from '@qdssc/shared';
import type { ApiRouter } from '../../http/api-router';
import type { AppContext } from '../../http/context';
import type { Payer } from '../payments/payables';
import type { MedicalService } from './medical.service';

function payerOf(ctx: AppContext): Payer {
  const s = ctx.state.session!;
  return { userId: s.userId, residentId: s.residentId, channel: s.channel };
}

export function mountMedicalRoutes(r: ApiRouter, { medical }: { medical: MedicalService }): void {
  r.mount(API.medical.uploadBill, async ({ body, ctx }) => medical.upload(ctx.state.terminal!, body, ctx.state.requestId));
  r.mount(API.medical.billStatus, async ({ params, ctx }) => medical.terminalStatus(ctx.state.terminal!, params.outBillNo));
  r.mount(API.medical.refundBill, async ({ params, body, ctx }) => medical.terminalRefund(ctx.state.terminal!, params.outBillNo, body.reason, ctx.state.requestId));

  r.mount(API.medical.pending, async ({ ctx }) => {
    ctx.set('Cache-Control', 'private, no-store');
    return medical.pending(payerOf(ctx));
  });
  r.mount(API.medical.settlement, async ({ params, ctx }) => medical.view(await medical.own(payerOf(ctx), params.id)));
  r.mount(API.medical.confirm, async ({ params, body, ctx }) => medical.confirm(payerOf(ctx), params.id, body, `${ctx.protocol}://${ctx.host}`));
  r.mount(API.medical.decline, async ({ params, ctx }) => medical.decline(payerOf(ctx), params.id));
}
