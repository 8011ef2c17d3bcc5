import { businessItem } from '@qdssc/shared';

/** `2026-11-29T02:00:00.000Z` → `2026-11-29 10:00` (Qingdao time, what residents read). */
export function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function itemTitle(itemId: string, lang: 'zh' | 'en'): string {
  return businessItem(itemId)?.title[lang] ?? itemId;
}

/** A fresh idempotency key for one submission attempt (not a secret: unique per account is enough). */
export function newClientId(): string {
  const rand = () => Math.random().toString(36).slice(2, 10);
  return `${Date.now().toString(36)}-${rand()}${rand()}`;
}
