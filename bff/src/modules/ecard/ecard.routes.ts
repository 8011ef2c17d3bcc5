import { API } from '@qdssc/shared';
import type { ApiRouter } from '../../http/api-router';
import type { KvStore } from '../../kv/kv-store';
import { enforceRateLimit } from '../../lib/rate-limit';
import type { AuditService } from '../audit/audit.service';
import type { CardStatusService } from './card-status.service';
import type { EcardService } from './ecard.service';
import type { QrCodeService } from './qr-code.service';

export interface EcardRouteDeps {
  ecards: EcardService;
  qr: QrCodeService;
  cardStatus: CardStatusService;
  kv: KvStore;
  audit: AuditService;
  qrIssuePerMinute: number;
}

export function mountEcardRoutes(r: ApiRouter, { ecards, qr, cardStatus, kv, audit, qrIssuePerMinute }: EcardRouteDeps): void {
  r.mount(API.ecard.list, async ({ ctx }) => ecards.list(ctx.state.session!));

  r.mount(API.ecard.apply, async ({ body, ctx }) => {
    await enforceRateLimit(kv, `apply:${ctx.state.session!.userId}`, 10, 3600_000);
    return ecards.applySelf(ctx.state.session!, body.operationId, ctx.state.requestId);
  });

  r.mount(API.ecard.get, async ({ params, ctx }) => ecards.get(ctx.state.session!, params.id));

  r.mount(API.ecard.raiseToLevel2, async ({ params, body, ctx }) =>
    ecards.raiseToLevel2(ctx.state.session!, params.id, body.bankAccount, body.password, ctx.state.requestId),
  );

  r.mount(API.ecard.changePassword, async ({ params, body, ctx }) => {
    await ecards.changePassword(ctx.state.session!, params.id, body, ctx.state.requestId);
    return { changed: true as const };
  });

  r.mount(API.ecard.reveal, async ({ params, body, ctx }) => ecards.reveal(ctx.state.session!, params.id, body, ctx.state.requestId));

  r.mount(API.ecard.issueQrCode, async ({ params, ctx }) => {
    const session = ctx.state.session!;
    const { ecard, relation } = await ecards.accessCard(session, params.id);
    await enforceRateLimit(kv, `qr:${ecard.id}`, qrIssuePerMinute, 60_000);
    try {
      await cardStatus.assertUsable(ecard.id);
    } catch (err) {
      await audit.record({ action: 'ecard.qr.issue', result: 'refused', code: (err as { code?: string }).code, actorUserId: session.userId, subjectResidentId: ecard.residentId, channel: session.channel, requestId: ctx.state.requestId });
      throw err;
    }
    const code = await qr.issue(ecard);
    await audit.record({ action: 'ecard.qr.issue', result: 'ok', actorUserId: session.userId, subjectResidentId: ecard.residentId, channel: session.channel, requestId: ctx.state.requestId, detail: { relation } });
    return code;
  });

  r.mount(API.ecard.revoke, async ({ params, body, ctx }) => ecards.revoke(ctx.state.session!, params.id, body, ctx.state.requestId));

  r.mount(API.ecard.applications, async ({ ctx }) => ecards.applications(ctx.state.session!));
}
