import type Router from '@koa/router';
import type { HrssConfig } from '../../adapters/hrss/hrss.client';
import { checkHrssRequest, HRSS_HEADER, NOTIFY_PATH, type HrssEventEnvelope } from '../../adapters/hrss/hrss-wire';
import type { AppContext, RequestState } from '../../http/context';
import type { KvStore } from '../../kv/kv-store';
import type { Clock } from '../../lib/clock';
import { HrssEventEnvelopeSchema, type HrssEventProcessor, type HrssEventRegistry } from './hrss-event-registry';

export interface HrssNotifyDeps {
  hrss: Pick<HrssConfig, 'channelNo' | 'secret'>;
  kv: KvStore;
  clock: Clock;
  registry: HrssEventRegistry;
  processor: HrssEventProcessor;
}

/**
 * `POST /notify/hrss`: callbacks of the HRSS system. The signature, time window, channel and
 * nonce are checked on the raw bytes before the body is looked at; then the event goes to the
 * handler registered for its type, once per eventId. The HRSS system reads `{code: 'SUCCESS'}`
 * as delivered and retries anything else, so only a failure worth retrying answers FAIL.
 */
export function mountHrssNotify(router: Router<RequestState>, deps: HrssNotifyDeps): void {
  router.post(NOTIFY_PATH, async (koaCtx) => {
    const ctx = koaCtx as unknown as AppContext;
    const answer = (status: number, code: 'SUCCESS' | 'FAIL', message?: string) => {
      ctx.status = status;
      ctx.body = message ? { code, message } : { code };
    };
    const problem = checkHrssRequest(deps.hrss.secret, deps.hrss.channelNo, {
      method: ctx.method,
      pathWithQuery: ctx.originalUrl,
      header: (n) => ctx.get(n) || undefined,
      body: ctx.state.rawBody ?? '',
    }, deps.clock.now());
    if (problem) {
      ctx.state.log.warn({ problem, ip: ctx.ip }, 'HRSS callback refused: signature check failed');
      return answer(401, 'FAIL', problem);
    }
    const nonce = ctx.get(HRSS_HEADER.nonce);
    if (!(await deps.kv.setIfAbsent(`hrss:notify-nonce:${nonce}`, '1', 10 * 60_000))) {
      ctx.state.log.warn({ ip: ctx.ip }, 'HRSS callback refused: nonce reused (replay)');
      return answer(401, 'FAIL', 'NONCE_REUSED');
    }

    const parsed = HrssEventEnvelopeSchema.safeParse(ctx.request.body);
    if (!parsed.success) {
      ctx.state.log.warn({ issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'HRSS callback malformed');
      return answer(400, 'FAIL', 'MALFORMED_EVENT');
    }
    const envelope = parsed.data as HrssEventEnvelope;
    const handler = deps.registry.get(envelope.type);
    if (!handler) {
      // Not recorded as processed: once a feature handles this type, a redelivery is applied.
      ctx.state.log.warn({ type: envelope.type, eventId: envelope.eventId }, 'HRSS callback of an unknown type');
      return answer(400, 'FAIL', 'UNKNOWN_EVENT_TYPE');
    }
    const payload = handler.payload.safeParse(envelope.payload);
    if (!payload.success) {
      ctx.state.log.warn({ type: envelope.type, eventId: envelope.eventId }, 'HRSS callback payload does not match its type');
      return answer(400, 'FAIL', 'MALFORMED_PAYLOAD');
    }
    const event = { ...envelope, payload: payload.data };
    const result = await deps.processor.process(handler, event, ctx.state.log);
    ctx.state.log.info({ type: event.type, eventId: event.eventId, version: event.version, result }, 'HRSS callback processed');
    answer(200, 'SUCCESS');
  });
}
