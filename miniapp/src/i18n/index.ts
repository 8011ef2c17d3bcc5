import { en } from './en';
import { zhCN, type Messages } from './zh-CN';

export type Lang = 'zh' | 'en';
export type { Messages };

export const MESSAGES: Record<Lang, Messages> = { zh: zhCN, en };

export function messagesFor(lang: Lang): Messages {
  return MESSAGES[lang] ?? zhCN;
}

/** Fills `{name}` placeholders of a message. */
export function fmt(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
