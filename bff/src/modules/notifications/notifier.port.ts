import type { EntityManager } from 'typeorm';

/**
 * What a feature tells the notifications module when something the resident may have subscribed
 * to happens. Features depend on this port only; the notifications module implements it (outbox,
 * WeChat subscription messages, Alipay template messages, the in-app inbox) and app.ts wires it.
 */
export type NotificationTopic =
  | 'card_status' // physical card / e-card status changed (loss report, release, cancellation, activation)
  | 'card_production' // card production progress (submitted → in production → ready at branch → collected)
  | 'appointment' // instant card-making appointment booked, rescheduled, cancelled, reminder
  | 'application_status' // online business application accepted / in review / approved / rejected
  | 'payment_result'; // a payment or refund reached a final state

export interface NotifyRequest {
  /** The resident the message is about and for (a guardian's ward: the guardian is found by the module). */
  residentId: string;
  topic: NotificationTopic;
  /** Same key twice = one message (e.g. `card:${cardId}:v${version}`). */
  dedupeKey: string;
  /** Short already-masked strings for the template fields (no raw ID numbers, names masked). */
  data: Record<string, string>;
  /** Mini-program page the message opens, e.g. `package-card/card/index?id=…`. */
  page?: string;
  /** Optional: an account to reach as well (the payer, the account that submitted an application), e.g. before it is real-name bound. */
  userId?: string;
}

export interface Notifier {
  /** Records the message in the outbox; when `tx` is given, inside that transaction (it lands or rolls back with the change). */
  notify(req: NotifyRequest, tx?: EntityManager): Promise<void>;
}
