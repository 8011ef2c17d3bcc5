import type { ErrorTable } from './error-spec';

/** Handing a problem to the 12345 hotline. Each message says what to do instead. */
export const hotlineErrors = {
  HOTLINE_UNAVAILABLE: { status: 503, zh: '暂时无法转接人工服务，请直接拨打12345，并告知问题编号', en: 'We cannot reach the hotline right now. Please call 12345 and quote the reference.' },
  HOTLINE_HANDOFF_LIMITED: { status: 429, zh: '转人工请求太频繁，请直接拨打12345，或稍后再试', en: 'Too many hotline requests. Please call 12345 directly or try again later.' },
  HOTLINE_HANDOFF_IN_PROGRESS: { status: 409, zh: '正在为您转接人工服务，请稍候查看工单号', en: 'Your hotline request is being sent. Please wait for the ticket number.' },
} satisfies ErrorTable;
