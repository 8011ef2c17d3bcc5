import { en } from './en';
import { zhCN, type Messages } from './zh-CN';

export type Lang = 'zh' | 'en';
export type { Messages };

export const MESSAGES: Record<Lang, Messages> = { zh: zhCN, en };

export function messagesFor(lang: Lang): Messages {
  return MESSAGES[lang] ?? zhCN;
}
