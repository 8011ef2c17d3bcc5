import Taro from '@tarojs/taro';
import { SUBSCRIBE_OUTCOMES, type SubscribeOutcome } from '@qdssc/shared';

/** WeChat shows at most three templates in one dialog. */
export const SUBSCRIBE_MAX_TEMPLATES = 3;

/**
 * WeChat 一次性订阅消息: `wx.requestSubscribeMessage({tmplIds})` must run straight from a tap. The
 * answer maps each template id to accept / reject / ban / filter; each accept lets the BFF send one
 * message. A failed call (the resident turned messages off in settings, 20004) counts as reject.
 */
export async function requestHostSubscription(templateIds: string[]): Promise<Record<string, SubscribeOutcome>> {
  const ids = templateIds.slice(0, SUBSCRIBE_MAX_TEMPLATES);
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: ids } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
    return Object.fromEntries(ids.map((id) => [id, (SUBSCRIBE_OUTCOMES as readonly string[]).includes(res[id]) ? (res[id] as SubscribeOutcome) : 'reject']));
  } catch {
    return Object.fromEntries(ids.map((id) => [id, 'reject' as const]));
  }
}
