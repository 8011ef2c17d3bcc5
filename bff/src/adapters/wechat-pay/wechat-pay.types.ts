/** Wire shapes of WeChat Pay API v3 (direct merchant, JSAPI / mini-program), as the real API names them. */

export type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';
export type WxRefundStatus = 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';

export interface JsapiPrepayRequest {
  appid: string;
  mchid: string;
  description: string;
  out_trade_no: string;
  time_expire?: string;
  attach?: string;
  notify_url: string;
  amount: { total: number; currency?: 'CNY' };
  payer: { openid: string };
}

export interface WxTransaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_type?: string;
  trade_state: TradeState;
  trade_state_desc: string;
  bank_type?: string;
  attach?: string;
  success_time?: string;
  payer?: { openid: string };
  amount?: { total: number; payer_total?: number; currency: string; payer_currency?: string };
}

export interface RefundCreateRequest {
  out_trade_no: string;
  out_refund_no: string;
  reason?: string;
  notify_url?: string;
  amount: { refund: number; total: number; currency: 'CNY' };
}

export interface WxRefund {
  refund_id: string;
  out_refund_no: string;
  transaction_id: string;
  out_trade_no: string;
  channel: string;
  user_received_account: string;
  success_time?: string;
  create_time: string;
  status: WxRefundStatus;
  funds_account?: string;
  amount: { total: number; refund: number; payer_total: number; payer_refund: number; settlement_refund?: number; settlement_total?: number; discount_refund?: number; currency: string };
}

/** The decrypted `resource` of a REFUND.* notification. */
export interface WxRefundNotice {
  mchid: string;
  out_trade_no: string;
  transaction_id: string;
  out_refund_no: string;
  refund_id: string;
  refund_status: WxRefundStatus;
  success_time?: string;
  user_received_account: string;
  amount: { total: number; refund: number; payer_total: number; payer_refund: number };
}

export type NotificationEventType = 'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS' | 'REFUND.ABNORMAL' | 'REFUND.CLOSED';

export interface NotificationEnvelope {
  id: string;
  create_time: string;
  event_type: NotificationEventType | string;
  resource_type: 'encrypt-resource';
  summary: string;
  resource: { algorithm: string; ciphertext: string; associated_data?: string; original_type: string; nonce: string };
}

export interface TradeBillAnswer {
  hash_type: 'SHA1';
  hash_value: string;
  download_url: string;
}

export interface WxErrorBody {
  code: string;
  message: string;
  detail?: unknown;
}
