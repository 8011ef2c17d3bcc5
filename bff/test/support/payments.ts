import { randomBytes } from 'node:crypto';
import type { ApiClient } from './api-client';
import type { Stack } from './stack';

/** A fresh client operation id, as the mini-program makes one per tap. */
export function opId(): string {
  return `op-${randomBytes(8).toString('hex')}`;
}

/** Creates (or re-finds) an order for a demo exam fee through the API. */
export async function checkoutExam(client: ApiClient, ref = 'EXAM-HRM-3', op = opId(), provider = 'wechatpay') {
  return client.post('/api/v1/payments/orders', { payableType: 'demo-exam-fee', payableRef: ref, provider, clientOperationId: op });
}

/** Calls the WeChat Pay twin's control API directly (what a test or the device would do). */
export async function twin(s: Stack, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${s.sandboxUrl}/sandbox/wechatpay${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** The payer confirms in the payment sheet (the twin checks paySign and sends the notification). */
export async function payInSheet(s: Stack, requestPayment: Record<string, string>, opts: { notify?: boolean } = {}) {
  return twin(s, 'POST', '/request-payment', { ...requestPayment, action: 'pay', ...(opts.notify === false ? { notify: false } : {}) });
}

/** Polls until `check` returns a value (not a timing assertion: it only bounds how long to wait). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function orderStatus(client: ApiClient, orderId: string): Promise<string> {
  return (await client.get(`/api/v1/payments/orders/${orderId}`)).body.data.status;
}
