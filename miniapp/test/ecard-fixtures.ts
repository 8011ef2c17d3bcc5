import type { EcardView } from '@qdssc/shared';

/** An e-card as the BFF answers it, for page tests. */
export function ecardFixture(over: Partial<EcardView> = {}): EcardView {
  return {
    id: '0194f0a0-0000-7000-8000-000000000001',
    relation: 'self',
    holder: { maskedName: '**燕', maskedIdNumber: '3702**********2027', idType: 'resident' },
    status: 'active',
    signLevel: 1,
    signNoMasked: '****************0001',
    signDate: '2026-11-29',
    validUntil: '2036-11-29',
    channels: ['h5', 'wechat'],
    physicalCard: { status: 'active', maskedCardNo: '*****2345', bank: '农业银行' },
    usable: true,
    unusableCode: null,
    passwordSet: false,
    bankAccountMasked: null,
    ...over,
  };
}

export const boundSession = {
  token: 't'.repeat(43),
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  user: { userId: 'u1', channel: 'h5' as const, realNameBound: true, maskedName: '**燕' },
};
