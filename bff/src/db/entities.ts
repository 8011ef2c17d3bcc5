import { AppUser } from '../modules/auth/app-user.entity';
import { AuditLog } from '../modules/audit/audit-log.entity';
import { PaymentEvent } from '../modules/payments/payment-event.entity';
import { PaymentOrder } from '../modules/payments/payment-order.entity';
import { PaymentRefund } from '../modules/payments/payment-refund.entity';
import { PaymentReconciliation } from '../modules/payments/reconciliation/payment-reconciliation.entity';

/** Every entity the DataSource knows; features append theirs. */
export const entities = [AppUser, AuditLog, PaymentOrder, PaymentRefund, PaymentEvent, PaymentReconciliation];
