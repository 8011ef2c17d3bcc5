import {
  FINAL_ORDER_STATUSES,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  OUT_TRADE_NO_PATTERN,
  isFinalOrderStatus,
  nextOrderStatus,
  nextRefundStatus,
  refundableFen,
  REFUND_STATUSES,
  type OrderEvent,
} from './payment-state';

describe('the order state machine', () => {
  it('lets an order be paid only while it waits for payment', () => {
    expect(nextOrderStatus('CREATED', 'paid')).toBe('SUCCESS');
    expect(nextOrderStatus('PAYING', 'paid')).toBe('SUCCESS');
    for (const s of ['SUCCESS', 'CLOSED', 'REVOKED', 'REFUNDED'] as const) expect(nextOrderStatus(s, 'paid')).toBeNull();
  });

  it('never reopens a final order and never refunds an unpaid one', () => {
    for (const event of Object.keys(ORDER_TRANSITIONS) as OrderEvent[]) {
      for (const s of ['CLOSED', 'REVOKED', 'REFUNDED'] as const) expect(nextOrderStatus(s, event)).toBeNull();
    }
    expect(nextOrderStatus('PAYING', 'refund')).toBeNull();
    expect(nextOrderStatus('SUCCESS', 'refund')).toBe('REFUNDED');
    expect(nextOrderStatus('SUCCESS', 'close')).toBeNull();
  });

  it('ends every path in a final state', () => {
    // From any state, following transitions only, a final state is reachable and final states are never left (except SUCCESS → REFUNDED).
    for (const s of ORDER_STATUSES) {
      const reachable = new Set([s]);
      for (let i = 0; i < 5; i++) {
        for (const r of [...reachable]) for (const e of Object.keys(ORDER_TRANSITIONS) as OrderEvent[]) {
          const n = nextOrderStatus(r, e);
          if (n) reachable.add(n);
        }
      }
      expect([...reachable].some(isFinalOrderStatus)).toBe(true);
    }
    expect(FINAL_ORDER_STATUSES).toEqual(['SUCCESS', 'CLOSED', 'REVOKED', 'REFUNDED']);
  });

  it('moves refunds from processing to one outcome, and an abnormal one may still be settled', () => {
    expect(nextRefundStatus('PROCESSING', 'succeeded')).toBe('SUCCESS');
    expect(nextRefundStatus('PROCESSING', 'closed')).toBe('CLOSED');
    expect(nextRefundStatus('ABNORMAL', 'succeeded')).toBe('SUCCESS');
    expect(nextRefundStatus('SUCCESS', 'closed')).toBeNull();
    expect(nextRefundStatus('CLOSED', 'succeeded')).toBeNull();
    expect(REFUND_STATUSES).toContain('ABNORMAL');
  });

  it('computes what can still be refunded from what is refunded and in flight', () => {
    expect(refundableFen({ status: 'SUCCESS', amountFen: 12000, refundedFen: 2000, refundingFen: 3000 })).toBe(7000);
    expect(refundableFen({ status: 'PAYING', amountFen: 12000, refundedFen: 0, refundingFen: 0 })).toBe(0);
    expect(refundableFen({ status: 'REFUNDED', amountFen: 12000, refundedFen: 12000, refundingFen: 0 })).toBe(0);
  });

  it('accepts merchant order numbers of 6–32 digits, letters and _-|* only', () => {
    expect(OUT_TRADE_NO_PATTERN.test('Q20261129100000ABCDEFGHJKLM')).toBe(true);
    expect(OUT_TRADE_NO_PATTERN.test('12345')).toBe(false);
    expect(OUT_TRADE_NO_PATTERN.test('x'.repeat(33))).toBe(false);
    expect(OUT_TRADE_NO_PATTERN.test('订单123456')).toBe(false);
    expect(OUT_TRADE_NO_PATTERN.test('a_b-c|d*e')).toBe(true);
  });
});
