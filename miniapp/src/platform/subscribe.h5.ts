import Taro from '@tarojs/taro';
import type { SubscribeOutcome } from '@qdssc/shared';
import { messagesFor } from '../i18n';
import { getSettings } from '../state/settings';

export const SUBSCRIBE_MAX_TEMPLATES = 3;

/**
 * A browser has no host subscription dialog (Taro's H5 build does not implement
 * requestSubscribeMessage). The app asks in its own dialog, shaped like WeChat's, and reports the
 * answer the same way; on H5 messages then reach the in-app inbox only.
 */
export async function requestHostSubscription(templateIds: string[]): Promise<Record<string, SubscribeOutcome>> {
  const ids = templateIds.slice(0, SUBSCRIBE_MAX_TEMPLATES);
  const t = messagesFor(getSettings().lang).messages;
  const { confirm } = await Taro.showModal({ title: t.dialogTitle, content: t.dialogContent, confirmText: t.dialogAllow, cancelText: t.dialogDeny });
  return Object.fromEntries(ids.map((id) => [id, confirm ? ('accept' as const) : ('reject' as const)]));
}
