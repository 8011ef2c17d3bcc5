import { AppUser } from '../modules/auth/app-user.entity';
import { AuditLog } from '../modules/audit/audit-log.entity';
import { Resident } from '../modules/identity/resident.entity';
import { Ecard } from '../modules/ecard/ecard.entity';
import { EcardApplication } from '../modules/ecard/ecard-application.entity';
import { PhysicalCard } from '../modules/ecard/physical-card.entity';
import { Guardianship } from '../modules/family/guardianship.entity';
import { Upload } from '../modules/family/upload.entity';
import { Terminal } from '../modules/terminal/terminal.entity';
import { Branch } from '../modules/branches/branch.entity';
import { BranchImport } from '../modules/branches/branch-import.entity';
import { HotlineHandoff } from '../modules/hotline/hotline-handoff.entity';
import { PaymentEvent } from '../modules/payments/payment-event.entity';
import { PaymentOrder } from '../modules/payments/payment-order.entity';
import { PaymentRefund } from '../modules/payments/payment-refund.entity';
import { PaymentReconciliation } from '../modules/payments/reconciliation/payment-reconciliation.entity';
import { HrssAggregateVersion, HrssEventRecord } from '../modules/hrss-notify/hrss-event.entity';
import { ContributionProof } from '../modules/records/proof.entity';
import { notificationEntities } from '../modules/notifications/notification.entities';
import { FeeBillClaim, FeeOrder, FeeOutbox } from '../modules/fees/fee.entities';
import { MedicalSettlement } from '../modules/medical/medical-settlement.entity';
import { BusinessApplication, BusinessApplicationEvent, BusinessAttachment } from '../modules/business/application.entity';
import { EcardPayDay, Merchant, TerminalCharge } from '../modules/pay-terminal/pay-terminal.entities';
import { CardAppointment, CardAppointmentSlot, CardOutbox, CardStatusEvent } from '../modules/card/card.entities';

/** Every entity the DataSource knows; features append theirs. */
export const entities = [
  AppUser,
  AuditLog,
  Resident,
  Ecard,
  EcardApplication,
  PhysicalCard,
  Guardianship,
  Upload,
  Terminal,
  Branch,
  BranchImport,
  HotlineHandoff,
  PaymentOrder,
  PaymentRefund,
  PaymentEvent,
  PaymentReconciliation,
  HrssEventRecord,
  HrssAggregateVersion,
  ContributionProof,
  BusinessApplication,
  BusinessApplicationEvent,
  BusinessAttachment,
  ...notificationEntities,
  FeeOrder,
  FeeBillClaim,
  FeeOutbox,
  MedicalSettlement,
  EcardPayDay,
  TerminalCharge,
  Merchant,
  CardStatusEvent,
  CardOutbox,
  CardAppointmentSlot,
  CardAppointment,
];


