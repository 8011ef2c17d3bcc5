import Router from '@koa/router';
import { KEYWORD_LIMITS, TEMPLATE_LAYOUTS } from '../../src/modules/notifications/templates';
import type { NotificationTopic } from '../../src/modules/notifications/notifier.port';
import type { SandboxContext } from '../sandbox-context';
import { businessFailed, invalidArguments } from './alipay-gateway';
import type { AlipayApiHandler } from './alipay.twin';

export interface AlipayTemplateMessage {
  toUserId: string;
  userTemplateId: string;
  page: string | null;
  data: Record<string, { value: string }>;
  receivedAt: number;
}

interface MessageState {
  received: AlipayTemplateMessage[];
  forced: Array<{ subCode: string; times: number; toUserId?: string }>;
}

const states = new WeakMap<SandboxContext, MessageState>();
function state(sc: SandboxContext): MessageState {
  let s = states.get(sc);
  if (!s) states.set(sc, (s = { received: [], forced: [] }));
  return s;
}

/**
 * `alipay.open.app.mini.templatemessage.send` (小程序发送模板消息, used for subscription messages
 * granted by my.requestSubscribeMessage): biz_content `{to_user_id, user_template_id, page, data}`
 * with `data` a JSON string `{keyword1: {value}, …}`. Refusals are business failures (40004);
 * the twin's `USER_NOT_SUBSCRIBED` stands for "no grant left / refused" (the real sub_code is to be
 * confirmed against the production gateway).
 */
export const templateMessageSend: AlipayApiHandler = ({ biz }, sc) => {
  const toUserId = String(biz.to_user_id ?? '');
  const templateId = String(biz.user_template_id ?? '');
  if (!/^2088\d{12}$/.test(toUserId)) return { error: invalidArguments('isv.invalid-to-user-id', 'to_user_id 无效') };
  const topic = /^sbxAli_(.+)_tmpl$/.exec(templateId)?.[1] as NotificationTopic | undefined;
  const layout = topic ? TEMPLATE_LAYOUTS[topic] : undefined;
  if (!layout) return { error: businessFailed('USER_TEMPLATE_ILLEGAL', '模板不存在或未领用') };
  const st = state(sc);
  const i = st.forced.findIndex((f) => !f.toUserId || f.toUserId === toUserId);
  if (i >= 0) {
    const f = st.forced[i];
    if (--f.times <= 0) st.forced.splice(i, 1);
    return { error: businessFailed(f.subCode, f.subCode === 'USER_NOT_SUBSCRIBED' ? '用户未订阅该消息或订阅次数已用完' : '沙箱指定的失败') };
  }
  let data: Record<string, { value?: unknown }>;
  try {
    data = typeof biz.data === 'string' ? JSON.parse(biz.data) : {};
  } catch {
    return { error: invalidArguments('isv.invalid-data', 'data 不是合法的 JSON') };
  }
  for (const [key, v] of Object.entries(data)) {
    const n = Number(/^keyword(\d+)$/.exec(key)?.[1] ?? 0);
    const kw = layout[n - 1];
    if (!kw || typeof v?.value !== 'string' || !v.value || [...v.value].length > KEYWORD_LIMITS[kw.kind]) return { error: invalidArguments('isv.invalid-data', `data.${key} 无效`) };
  }
  st.received.push({ toUserId, userTemplateId: templateId, page: typeof biz.page === 'string' ? biz.page : null, data: data as Record<string, { value: string }>, receivedAt: sc.now() });
  return { ok: {} };
};

/**
 * `GET /sandbox/alipay/template-messages[?toUserId=]` (what arrived), `DELETE` clears;
 * `POST /sandbox/alipay/template-message-errors {subCode, times, toUserId?}` fails the next sends.
 */
export function alipayMessageControl(sc: SandboxContext): Router {
  const control = new Router({ prefix: '/sandbox/alipay' });
  control.get('/template-messages', (ctx) => {
    const to = typeof ctx.query.toUserId === 'string' ? ctx.query.toUserId : undefined;
    ctx.body = { messages: state(sc).received.filter((m) => !to || m.toUserId === to) };
  });
  control.delete('/template-messages', (ctx) => {
    state(sc).received.length = 0;
    ctx.body = { ok: true };
  });
  control.post('/template-message-errors', (ctx) => {
    const { subCode, times, toUserId } = (ctx.request.body ?? {}) as { subCode?: string; times?: number; toUserId?: string };
    state(sc).forced.push({ subCode: subCode ?? 'USER_NOT_SUBSCRIBED', times: Math.max(1, times ?? 1), toUserId });
    ctx.body = { ok: true };
  });
  return control;
}
