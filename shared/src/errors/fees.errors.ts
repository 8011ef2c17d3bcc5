import type { ErrorTable } from './error-spec';

/** Fees and contribution bills paid online, and medical settlement (就医购药). */
export const feesErrors = {
  FEE_BILL_NOT_FOUND: { status: 404, zh: '没有找到该账单，可能已缴纳或已撤销，请刷新后重新选择', en: 'This bill was not found. It may be paid or withdrawn already. Please refresh and choose again.' },
  FEE_BILLS_PICK_INVALID: { status: 400, zh: '所选账单不能一起缴纳：灵活就业缴费需从最早未缴的月份起连续选择，一次只能缴同一类费用', en: 'These bills cannot be paid together: pay flexible-employment months from the oldest unpaid one on, and one kind of fee at a time.' },
  FEE_RECEIPT_NOT_FOUND: { status: 404, zh: '没有找到该缴费凭证', en: 'This receipt was not found.' },
  MEDICAL_BILL_INVALID: { status: 400, zh: '医疗费用明细有误，请核对后重新上传', en: 'The medical bill is not valid. Please check it and upload it again.' },
  MEDICAL_BILL_CONFLICT: { status: 409, zh: '该单据号已用于另一笔不同的结算', en: 'This bill number was already used for a different settlement.' },
  MEDICAL_BILL_IN_PROGRESS: { status: 409, zh: '该单据正在结算中，请稍后查询结果', en: 'This bill is being settled. Please check its status shortly.' },
  MEDICAL_PERSON_NOT_INSURED: { status: 409, zh: '该人员无有效医保参保信息，请按自费结算或到医保窗口咨询', en: 'No valid medical insurance was found for this person. Please pay in full or ask at the medical insurance desk.' },
  MEDICAL_SETTLEMENT_NOT_FOUND: { status: 404, zh: '没有找到该结算单', en: 'This settlement was not found.' },
  MEDICAL_SETTLEMENT_NOT_PENDING: { status: 409, zh: '该结算单已确认、已撤销或已超时，请向收费窗口重新发起', en: 'This settlement was already confirmed, cancelled or has expired. Please ask the cashier to start again.' },
  MEDICAL_SETTLEMENT_NOT_REFUNDABLE: { status: 409, zh: '该结算单尚未完成结算或已退费，不能退费', en: 'This settlement is not settled or is already refunded.' },
} satisfies ErrorTable;
