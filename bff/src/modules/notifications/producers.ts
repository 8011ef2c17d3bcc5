import type { EntityManager } from 'typeorm';
import { businessItem, fenToYuanString, type ApplicationStatus } from '@qdssc/shared';
import { BusinessApplication } from '../business/application.entity';
import type { PaymentHooks } from '../payments/payment-hooks';
import type { Notifier } from './notifier.port';
import { templateTime } from './templates';

/** Template wording of application states (the templates are Chinese; the inbox renders its own labels). */
const APPLICATION_STATUS_WORDS: Record<ApplicationStatus, string> = {
  submitted: '已提交', accepted: '已受理', in_review: '审核中', approved: '已办结', rejected: '未通过', withdrawn: '已撤回',
};

/**
 * `application_status`: announced in the transaction that applied HRSS's status change, once
 * per application and HRSS version (the dedupe key), to the applicant (or the guardians of a
 * ward) and to the account that submitted it.
 */
export async function announceApplicationStatus(notifier: Notifier, em: EntityManager, e: { applicationNo: string; version: number; at: number }): Promise<void> {
  const app = await em.getRepository(BusinessApplication).findOneBy({ applicationNo: e.applicationNo });
  if (!app) return;
  const note = app.status === 'rejected' ? (app.reason ?? '') : app.status === 'approved' ? '请查看办理结果' : '';
  await notifier.notify(
    {
      residentId: app.residentRef,
      userId: app.createdByUserId,
      topic: 'application_status',
      dedupeKey: `application:${app.applicationNo}:v${e.version}`,
      data: { item: businessItem(app.itemId)?.title.zh ?? app.itemId, status: APPLICATION_STATUS_WORDS[app.status], time: templateTime(e.at), ...(note ? { note } : {}), applicationNo: app.applicationNo },
      page: `subpackages/business/application/index?id=${app.id}`,
    },
    em,
  );
}

/**
 * `payment_result`: paid, refunded (each refund), and closed by the system (an order the resident
 * cancelled themselves needs no message). Runs inside the payment transition's transaction.
 */
export function announcePaymentResults(hooks: PaymentHooks, notifier: Notifier, now: () => number): void {
  const page = (orderId: string) => `pages/payments/order/index?id=${orderId}`;
  hooks.on(
    'paid',
    async ({ order, manager }) =>
      notifier.notify(
        {
          residentId: order.payerResidentId ?? '', userId: order.payerUserId, topic: 'payment_result', dedupeKey: `payment:${order.id}:paid`,
          data: { description: order.description, amount: `¥${fenToYuanString(order.amountFen)}`, result: '支付成功', time: templateTime(now()) }, page: page(order.id),
        },
        manager,
      ),
    { name: 'notifications.paid' },
  );
  hooks.on(
    'refunded',
    async ({ order, refund, fullyRefunded, manager }) =>
      notifier.notify(
        {
          residentId: order.payerResidentId ?? '', userId: order.payerUserId, topic: 'payment_result', dedupeKey: `payment:${order.id}:refund:${refund?.id ?? 'all'}`,
          data: { description: order.description, amount: `¥${fenToYuanString(refund?.amountFen ?? order.amountFen)}`, result: fullyRefunded ? '已全额退款' : '已部分退款', time: templateTime(now()) }, page: page(order.id),
        },
        manager,
      ),
    { name: 'notifications.refunded' },
  );
  hooks.on(
    'closed',
    async ({ order, manager, source }) => {
      if (source === 'user') return;
      await notifier.notify(
        {
          residentId: order.payerResidentId ?? '', userId: order.payerUserId, topic: 'payment_result', dedupeKey: `payment:${order.id}:closed`,
          data: { description: order.description, amount: `¥${fenToYuanString(order.amountFen)}`, result: '订单已关闭', time: templateTime(now()) }, page: page(order.id),
        },
        manager,
      );
    },
    { name: 'notifications.closed' },
  );
}
