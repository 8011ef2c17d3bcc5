import Taro from '@tarojs/taro';
import type { SubscribeOutcome } from '@qdssc/shared';

/** Alipay takes at most three template ids per dialog. */
export const SUBSCRIBE_MAX_TEMPLATES = 3;

/**
 * Alipay 订阅消息: `my.requestSubscribeMessage({entityIds})`. Ids listed in
 * `result.subscribeEntityIds` were accepted (one message each, for one-time templates); every other
 * id counts as reject, as does a failed call.
 */
export async function requestHostSubscription(templateIds: string[]): Promise<Record<string, SubscribeOutcome>> {
  const ids = templateIds.slice(0, SUBSCRIBE_MAX_TEMPLATES);
  try {
    const res = (await Taro.requestSubscribeMessage({ entityIds: ids } as Taro.requestSubscribeMessage.Option)) as { result?: { subscribeEntityIds?: string[] } };
    const ok = new Set(res.result?.subscribeEntityIds ?? []);
    return Object.fromEntries(ids.map((id) => [id, ok.has(id) ? ('accept' as const) : ('reject' as const)]));
  } catch {
    return Object.fromEntries(ids.map((id) => [id, 'reject' as const]));
  }
}
