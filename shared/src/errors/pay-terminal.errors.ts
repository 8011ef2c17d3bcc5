import type { ErrorTable } from './error-spec';

/** E-card account payments, terminal charges (merchant scans the resident) and merchant codes (resident scans the merchant). */
export const payTerminalErrors = {
  ECARD_PAY_DAILY_LIMIT: { status: 409, zh: '已超过电子社保卡支付单日累计限额，请明日再付或改用其他支付方式', en: 'This would pass the daily limit of e-card payments. Pay tomorrow or another way.' },
  ECARD_PAY_NOT_ENABLED: { status: 409, zh: '尚未开通电子社保卡支付功能，请先在“电子社保卡”中开通（二级签发）', en: 'E-card payments are not enabled. Enable them on the e-card page first (level 2).' },
  ECARD_PAY_BALANCE_INSUFFICIENT: { status: 409, zh: '社保卡关联银行账户余额不足，请改用其他支付方式', en: 'The bank account of your card does not have enough money. Please pay another way.' },
  ECARD_PAY_PASSWORD_REQUIRED: { status: 400, zh: '请输入电子社保卡密码确认支付', en: 'Enter your e-card password to confirm the payment.' },
  TERMINAL_CHARGE_NOT_FOUND: { status: 404, zh: '没有找到该笔扣款', en: 'This charge was not found.' },
  TERMINAL_CHARGE_CONFLICT: { status: 409, zh: '商户订单号已用于另一笔不同的扣款', en: 'This merchant order number was already used for a different charge.' },
  TERMINAL_CHARGE_NOT_REVERSIBLE: { status: 409, zh: '该笔扣款当前不能撤销', en: 'This charge cannot be reversed now.' },
  PENDING_CHARGE_NOT_FOUND: { status: 404, zh: '没有待确认的扣款，可能已超时撤销，请让收款方重新发起', en: 'There is no charge waiting. It may have timed out; ask the cashier to start again.' },
  MERCHANT_CODE_INVALID: { status: 400, zh: '收款码无效，请核对后重新扫描', en: 'This payment code is not valid. Please scan it again.' },
  MERCHANT_AMOUNT_INVALID: { status: 400, zh: '请输入正确的付款金额（0.01—5000元）', en: 'Enter a valid amount (¥0.01–¥5,000).' },
} satisfies ErrorTable;
