import { API } from '@qdssc/shared';
import type { ApiRouter } from '../../http/api-router';
import type { AppContext } from '../../http/context';
import type { ProofSigner } from '../records/proof-signer';
import { findCjkFont, type FontCandidate } from '../records/proof-pdf';
import type { RecordsSubjectResolver } from '../records/records-subject';
import type { Payer } from '../payments/payables';
import type { FeesService } from './fees.service';
import { receiptSignedText, renderReceiptPdf } from './receipt-pdf';

export interface FeesRouteDeps {
  fees: FeesService;
  subjects: RecordsSubjectResolver;
  signer: ProofSigner;
  fontPath?: string;
}

function payerOf(ctx: AppContext): Payer {
  const s = ctx.state.session!;
  return { userId: s.userId, residentId: s.residentId, channel: s.channel };
}

const selfOrigin = (ctx: AppContext) => `${ctx.protocol}://${ctx.host}`;

export function mountFeesRoutes(r: ApiRouter, deps: FeesRouteDeps): void {
  let font: FontCandidate | null | undefined;

  r.mount(API.fees.bills, async ({ query, ctx }) => {
    const subject = await deps.subjects.resolve(ctx.state.session!, query.for);
    ctx.set('Cache-Control', 'private, no-store');
    return deps.fees.bills(payerOf(ctx), subject, query.kind);
  });

  r.mount(API.fees.createOrder, async ({ body, ctx }) => {
    const subject = await deps.subjects.resolve(ctx.state.session!, body.for);
    return deps.fees.createOrder(payerOf(ctx), subject, body, selfOrigin(ctx));
  });

  r.mount(API.fees.receipts, async ({ ctx }) => deps.fees.receipts(payerOf(ctx)));

  r.mount(API.fees.receiptFile, async ({ params, ctx }) => {
    const { order, fo } = await deps.fees.receiptOf(payerOf(ctx), params.file.replace(/\.pdf$/, ''));
    const base = {
      outTradeNo: order.outTradeNo, providerTxnId: order.providerTxnId, holderMasked: fo.holderMasked, description: order.description,
      lines: fo.bills.map((b) => ({ billNo: b.billNo, title: b.title, period: b.period, amountFen: b.amountFen })),
      amountFen: order.amountFen, refundedFen: order.refundedFen, paidAt: order.paidAt!, provider: order.provider, hrssMarked: fo.hrssState === 'MARKED',
    };
    const signedText = receiptSignedText(base);
    if (font === undefined) font = findCjkFont(deps.fontPath);
    const pdf = await renderReceiptPdf({ ...base, signedText, signature: deps.signer.sign(signedText) }, font);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.set('Content-Disposition', `attachment; filename="jiaofei-pingzheng-${order.outTradeNo}.pdf"`);
    ctx.type = 'application/pdf';
    ctx.body = pdf;
  }, { raw: true });
}
