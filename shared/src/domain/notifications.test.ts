import { NOTIFICATION_MAX_GRANTS, notificationGrantsAfter, notificationRetryDelayMs } from './notifications';

describe('subscription grants', () => {
  it('adds exactly one grant per accept and none for a refusal', () => {
    expect(notificationGrantsAfter(0, 'accept')).toBe(1);
    expect(notificationGrantsAfter(2, 'accept')).toBe(3);
    expect(notificationGrantsAfter(2, 'reject')).toBe(2);
    expect(notificationGrantsAfter(2, 'ban')).toBe(2);
  });

  it('keeps at most the cap of unused grants', () => {
    expect(notificationGrantsAfter(NOTIFICATION_MAX_GRANTS, 'accept')).toBe(NOTIFICATION_MAX_GRANTS);
  });
});

describe('retry backoff', () => {
  it('doubles from five seconds and stops growing at ten minutes', () => {
    expect(notificationRetryDelayMs(1, 0.5)).toBe(5_000);
    expect(notificationRetryDelayMs(2, 0.5)).toBe(10_000);
    expect(notificationRetryDelayMs(3, 0.5)).toBe(20_000);
    expect(notificationRetryDelayMs(30, 0.5)).toBe(600_000);
  });

  it('spreads retries by at most a fifth either way', () => {
    expect(notificationRetryDelayMs(1, 0)).toBe(4_000);
    expect(notificationRetryDelayMs(1, 1)).toBe(6_000);
  });
});
