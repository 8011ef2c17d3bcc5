import { API, RECORD_KINDS, type RecordKind } from '@qdssc/shared';
import type { ApiRouter } from '../../http/api-router';
import { isAppError } from '../../http/app-error';
import type { AppContext } from '../../http/context';
import type { KvStore } from '../../kv/kv-store';
import { enforceRateLimit } from '../../lib/rate-limit';
import type { AuditService } from '../audit/audit.service';
import type { ProofService } from './proof.service';
import { recordsContract, type RecordsQuery, type RecordsService } from './records.service';
import type { RecordsSubject, RecordsSubjectResolver } from './records-subject';

export interface RecordsRouteDeps {
  records: RecordsService;
  proofs: ProofService;
  subjects: RecordsSubjectResolver;
  audit: AuditService;
  kv: KvStore;
}

/** Resolves whose records the request is about; a refusal is audited like a read. */
async function subjectOf(ctx: AppContext, deps: RecordsRouteDeps, wardId: string | undefined, action: string): Promise<RecordsSubject> {
  const session = ctx.state.session!;
  try {
    return await deps.subjects.resolve(session, wardId);
  } catch (err) {
    await deps.audit.record({
      action, result: 'refused', actorUserId: session.userId, channel: session.channel, requestId: ctx.state.requestId,
      code: isAppError(err) ? err.code : 'INTERNAL', detail: { ward: Boolean(wardId) },
    });
    throw err;
  }
}

export function mountRecordsRoutes(r: ApiRouter, deps: RecordsRouteDeps): void {
  for (const kind of RECORD_KINDS) {
    const contract = recordsContract(kind);
    r.mount(contract, (async ({ query, ctx }: { query: RecordsQuery<RecordKind>; ctx: AppContext }) => {
      const subject = await subjectOf(ctx, deps, query.for, 'records.read');
      // Personal data may sit in the client's HTTP cache otherwise.
      ctx.set('Cache-Control', 'private, no-store');
      return deps.records.read(kind, ctx.state.session!, subject, query, ctx.state.requestId);
    }) as never);
  }

  r.mount(API.records.issueProof, async ({ body, ctx }) => {
    const subject = await subjectOf(ctx, deps, body.for, 'proof.issue');
    await enforceRateLimit(deps.kv, `proof-issue:${ctx.state.session!.userId}`, 20, 3600_000);
    return deps.proofs.issue(ctx.state.session!, subject, body.from, body.to, ctx.state.requestId);
  });

  r.mount(
    API.records.proofFile,
    async ({ params, ctx }) => {
      const { pdf, code } = await deps.proofs.file(ctx.state.session!, params.code);
      ctx.set('Cache-Control', 'private, no-store');
      ctx.set('Content-Disposition', `attachment; filename="canbao-zhengming-${code}.pdf"`);
      ctx.type = 'application/pdf';
      ctx.body = pdf;
    },
    { raw: true },
  );

  // Registered before `/proofs/:code` so the router does not read "public-key" as a code.
  r.mount(API.records.proofPublicKey, async () => ({ algorithm: 'SM2-with-SM3' as const, publicKey: deps.proofs.signer.publicKey, userId: '1234567812345678' }));

  r.mount(API.records.verifyProof, async ({ params, ctx }) => {
    // Anyone may check a code; guessing them at speed is what the limit is for.
    await enforceRateLimit(deps.kv, `proof-verify:${ctx.ip}`, 60, 60_000);
    return deps.proofs.verify(params.code);
  });
}
