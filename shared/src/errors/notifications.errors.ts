import type { ErrorTable } from './error-spec';

/** Subscription messages and the in-app inbox. */
export const notificationsErrors = {
  NOTIFICATION_NOT_FOUND: { status: 404, zh: '没有找到这条消息，可能已被清理', en: 'This message was not found. It may have been removed.' },
  NOTIFICATION_TEMPLATE_UNKNOWN: { status: 400, zh: '订阅的消息类型已更新，请刷新页面后重新订阅', en: 'The message types have changed. Please refresh the page and subscribe again.' },
} satisfies ErrorTable;
