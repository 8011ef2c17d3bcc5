import { canHandoffTransition, categoryForOperation, containsUnmaskedPii, scrubPii } from './hotline';

describe('hotline handoff rules', () => {
  it('mask ID numbers, mobiles and other long numbers in free text', () => {
    const text = '我的身份证370202198503152027，手机13805321234，卡号6228480212345678901，座机85939671';
    const scrubbed = scrubPii(text);
    expect(scrubbed).toBe('我的身份证3702**********2027，手机138****1234，卡号***************8901，座机****9671');
    expect(containsUnmaskedPii(text)).toBe(true);
    expect(containsUnmaskedPii(scrubbed)).toBe(false);
  });

  it('leave short numbers and error codes alone', () => {
    expect(scrubPii('拨打12345，错误 UPSTREAM_TIMEOUT，第3次')).toBe('拨打12345，错误 UPSTREAM_TIMEOUT，第3次');
  });

  it('pick a category from the failing operation', () => {
    expect(categoryForOperation('ecard.apply')).toBe('ecard');
    expect(categoryForOperation('branches.nearby')).toBe('branch');
    expect(categoryForOperation('payments.create')).toBe('payment');
    expect(categoryForOperation('something.else')).toBe('other');
  });

  it('let a failed handoff be retried but never reopen a submitted one', () => {
    expect(canHandoffTransition('pending', 'submitted')).toBe(true);
    expect(canHandoffTransition('failed', 'pending')).toBe(true);
    expect(canHandoffTransition('submitted', 'pending')).toBe(false);
    expect(canHandoffTransition('failed', 'submitted')).toBe(false);
  });
});
