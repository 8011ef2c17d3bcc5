import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { mockApi } from '../../../test/api-mock';
import { saveSession } from '../../state/session';
import { updateSettings } from '../../state/settings';
import FeeBillsPage from './bills/index';
import MedicalConfirmPage from './medical/index';

const mock = Taro as unknown as { __reset(): void; __routerParams: Record<string, string>; showModal: jest.Mock };

const month = (m: string) => ({
  billNo: `LH${m.replace('-', '')}183015`, kind: 'flexible', title: `灵活就业人员社会保险费（${m}）`, detail: null, period: m, amountFen: 129_800,
  parts: [{ item: 'pension', label: '基本养老保险', amountFen: 88_000 }, { item: 'medical', label: '职工基本医疗保险', amountFen: 41_800 }], dueDate: null, status: 'unpaid', paidOrderId: null,
});

const settlement = {
  id: '01a228ac-3de3-7fee-9d77-0000000000aa', status: 'PENDING', institution: '青岛市市立医院（演示终端）', outBillNo: 'HOSP-0001',
  items: [{ code: 'A1', name: '阿莫西林胶囊', category: 'drug_a', amountFen: 20_000 }], totalFen: 65_000, fundFen: 15_200, accountFen: 41_800, selfPayFen: 8_000,
  expiresAt: '2026-11-29T03:05:00.000Z', orderId: null, reason: null, createdAt: '2026-11-29T03:00:00.000Z',
};

beforeEach(() => {
  mock.__reset();
  jest.clearAllMocks();
  updateSettings({ largeFont: false, lang: 'zh' });
  saveSession({ token: 'x'.repeat(43), expiresAt: new Date(Date.now() + 60_000).toISOString(), user: { userId: 'u1', channel: 'h5', realNameBound: true, maskedName: '**华' } });
});

describe('bills to pay', () => {
  it('lets the resident pick the oldest months only and sends the bill numbers, never an amount', async () => {
    const calls = mockApi({
      'GET /api/v1/fees/bills': { data: { items: [month('2026-08'), month('2026-09')], holderMaskedId: '3702**********3015' } },
      'POST /api/v1/fees/orders': { code: 'PAYMENT_PROVIDER_UNAVAILABLE', status: 409 },
    });
    render(<FeeBillsPage />);
    fireEvent.click(await screen.findByRole('checkbox', { name: '灵活就业人员社会保险费（2026-09） ¥1,298.00 选择' }));
    expect(await screen.findByText('请从最早未缴的月份起连续选择')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: '灵活就业人员社会保险费（2026-08） ¥1,298.00 选择' }));
    fireEvent.click(await screen.findByRole('button', { name: '去支付 ¥2,596.00' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toMatchObject({ billNos: ['LH202609183015', 'LH202608183015'], provider: 'wechatpay' });
    expect(JSON.stringify(post.body)).not.toContain('amount');
  });
});

describe('a guardian paying a ward’s bills', () => {
  it('switches to the ward and asks for the ward’s bills, then orders them for the ward', async () => {
    const calls = mockApi({
      'GET /api/v1/fees/bills': { data: { items: [{ ...month('2026-09'), kind: 'resident_medical', title: '2027年度城乡居民医疗保险（少儿）', period: '2027', amountFen: 40_000, parts: [] }], holderMaskedId: '3702**********502X' } },
      'GET /api/v1/family/members': { data: { members: [{ id: 'g-1', relationship: 'mother', ward: { maskedName: '**雨', maskedIdNumber: '3702**********502X', idType: 'resident', age: 10, turns16On: '2032-06-01' }, ecard: null, since: '2026-11-01T00:00:00.000Z' }], agedOut: [], limit: 8 } },
      'POST /api/v1/fees/orders': { code: 'PAYMENT_PROVIDER_UNAVAILABLE', status: 409 },
    });
    render(<FeeBillsPage />);
    fireEvent.click(await screen.findByRole('radio', { name: '查询对象: **雨（亲情服务）' }));
    await waitFor(() => expect(calls.some((c) => c.path.startsWith('/api/v1/fees/bills') && c.path.includes('for=g-1'))).toBe(true));
    fireEvent.click(await screen.findByRole('checkbox', { name: /2027年度城乡居民医疗保险（少儿） ¥400.00/ }));
    fireEvent.click(await screen.findByRole('button', { name: '去支付 ¥400.00' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ for: 'g-1' });
  });
});

describe('medical bill confirmation', () => {
  it('shows the split in yuan: fund, personal account and the resident’s own part', async () => {
    mockApi({ 'GET /api/v1/medical/settlements/pending': { data: { items: [settlement] } } });
    render(<MedicalConfirmPage />);
    expect(await screen.findByLabelText('统筹基金支付 ¥152.00')).toBeTruthy();
    expect(screen.getByLabelText('个人账户支付 ¥418.00')).toBeTruthy();
    expect(screen.getByLabelText('个人自付（需支付） ¥80.00')).toBeTruthy();
    expect(screen.getByRole('button', { name: '确认并支付自付部分 ¥80.00' })).toBeTruthy();
  });

  it('declines after asking, and says nothing was taken', async () => {
    mock.showModal.mockResolvedValue({ confirm: true, cancel: false });
    mockApi({
      'GET /api/v1/medical/settlements/pending': { data: { items: [settlement] } },
      [`POST /api/v1/medical/settlements/${settlement.id}/decline`]: { data: { ...settlement, status: 'REVERSED', reason: 'DECLINED' } },
    });
    render(<MedicalConfirmPage />);
    fireEvent.click(await screen.findByRole('button', { name: '不同意，撤销结算' }));
    expect(await screen.findByText('已撤销，医保基金和个人账户未扣款')).toBeTruthy();
  });
});
