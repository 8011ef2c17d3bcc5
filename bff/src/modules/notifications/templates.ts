import type { NotificationTopic } from './notifier.port';

/** WeChat keyword kinds and the longest value each takes (subscribe message rules). */
export type KeywordKind = 'thing' | 'phrase' | 'time' | 'character_string' | 'amount';
export const KEYWORD_LIMITS: Record<KeywordKind, number> = { thing: 20, phrase: 5, time: 32, character_string: 32, amount: 16 };

/**
 * The keywords of each topic's template, in order, and which of our data fields fills each. The
 * WeChat names (`thing1` …) are those of the templates picked from the public library; Alipay
 * templates are filled as keyword1…n in the same order. A new template layout is a change here.
 */
export const TEMPLATE_LAYOUTS: Record<NotificationTopic, Array<{ field: string; keyword: string; kind: KeywordKind }>> = {
  application_status: [
    { field: 'item', keyword: 'thing1', kind: 'thing' },
    { field: 'status', keyword: 'phrase2', kind: 'phrase' },
    { field: 'time', keyword: 'time3', kind: 'time' },
    { field: 'note', keyword: 'thing4', kind: 'thing' },
  ],
  payment_result: [
    { field: 'description', keyword: 'thing1', kind: 'thing' },
    { field: 'amount', keyword: 'amount2', kind: 'amount' },
    { field: 'result', keyword: 'phrase3', kind: 'phrase' },
    { field: 'time', keyword: 'time4', kind: 'time' },
  ],
  card_status: [
    { field: 'card', keyword: 'character_string1', kind: 'character_string' },
    { field: 'status', keyword: 'phrase2', kind: 'phrase' },
    { field: 'time', keyword: 'time3', kind: 'time' },
    { field: 'note', keyword: 'thing4', kind: 'thing' },
  ],
  card_production: [
    { field: 'card', keyword: 'character_string1', kind: 'character_string' },
    { field: 'stage', keyword: 'phrase2', kind: 'phrase' },
    { field: 'branch', keyword: 'thing3', kind: 'thing' },
    { field: 'time', keyword: 'time4', kind: 'time' },
  ],
  appointment: [
    { field: 'branch', keyword: 'thing1', kind: 'thing' },
    { field: 'slot', keyword: 'time2', kind: 'time' },
    { field: 'status', keyword: 'phrase3', kind: 'phrase' },
    { field: 'note', keyword: 'thing4', kind: 'thing' },
  ],
};

function fit(value: string, max: number): string {
  const chars = [...value];
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join('')}…`;
}

/** WeChat `data`: `{thing1: {value}, …}`, values cut to the keyword's limit; fields we have no value for are left out. */
export function wechatTemplateData(topic: NotificationTopic, data: Record<string, string>): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  for (const k of TEMPLATE_LAYOUTS[topic]) {
    const v = data[k.field];
    if (v) out[k.keyword] = { value: fit(v, KEYWORD_LIMITS[k.kind]) };
  }
  return out;
}

/** Alipay `data` (a JSON string in biz_content): `{keyword1: {value}, …}` in the layout's order. */
export function alipayTemplateData(topic: NotificationTopic, data: Record<string, string>): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  TEMPLATE_LAYOUTS[topic].forEach((k, i) => {
    const v = data[k.field];
    if (v) out[`keyword${i + 1}`] = { value: fit(v, KEYWORD_LIMITS[k.kind]) };
  });
  return out;
}

/** China time as the templates show it: `2026年11月29日 22:30`. */
export function templateTime(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
