import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { ContributionMonth } from '@qdssc/shared';
import { mockApi } from '../../../test/api-mock';
import { updateSettings } from '../../state/settings';
import ContributionsPage from './contributions/index';
import RecordListPage from './list/index';
import ProofPage from './proof/index';
import VerifyProofPage from './verify/index';

jest.mock('../../platform/documents', () => ({ pickDocument: jest.fn(), openPdf: jest.fn(async () => undefined) }));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const documents = require('../../platform/documents') as { openPdf: jest.Mock };

const mock = Taro as unknown as { __reset(): void; __routerParams: Record<string, string> };
const ASOF = '2026-11-29T02:00:00.000Z';

const paid = (m: string, extra: Partial<ContributionMonth> = {}): ContributionMonth => ({
  month: m, scheme: 'employee', unitName: '青岛港湾物流有限公司', status: 'paid', coverageMonths: 1, baseFen: 700_000, personalFen: 71_000, employerFen: 150_000,
  parts: [
    { insuranceKind: 'pension', baseFen: 700_000, personalFen: 56_000, employerFen: 112_000 },
    { insuranceKind: 'medical', baseFen: 700_000, personalFen: 14_000, employerFen: 38_000 },
  ],
  ...extra,
});

/** 2022-01 … 2026-10 paid, except 2025-03 … 2025-05 (a gap), 2024-07 paid late. */
function history(): ContributionMonth[] {
  const out: ContributionMonth[] = [];
  for (let y = 2026; y >= 2022; y--) {
    for (let m = 12; m >= 1; m--) {
      const month = `${y}-${String(m).padStart(2, '0')}`;
      if (month > '2026-10' || (month >= '2025-03' && month <= '2025-05')) continue;
      out.push(paid(month, month === '2024-07' ? { status: 'back_paid' } : {}));
    }
  }
  return out;
}

function contributionsRoute(items = history()) {
  const summary = { firstMonth: '2022-01', lastMonth: '2026-10', paidMonths: items.length, gapMonths: ['2025-03', '2025-04', '2025-05'], personalTotalFen: 71_000 * items.length, employerTotalFen: 150_000 * items.length };
  return ({ query }: { query: string }) => {
    const q = new URLSearchParams(query);
    const page = Number(q.get('page') ?? 1);
    const size = Number(q.get('pageSize') ?? 20);
    return { items: items.slice((page - 1) * size, page * size), page, pageSize: size, total: items.length, asOf: ASOF, summary };
  };
}

beforeEach(() => {
  mock.__reset();
  updateSettings({ largeFont: false, lang: 'zh' });
  jest.clearAllMocks();
  jest.useFakeTimers({ now: new Date('2026-11-29T02:00:00Z'), doNotFake: ['setTimeout', 'setInterval', 'queueMicrotask', 'nextTick', 'setImmediate', 'clearTimeout', 'clearInterval'] });
});
afterEach(() => jest.useRealTimers());

describe('the contribution history page', () => {
  it('fetches every page of the range and draws a year of months per row, gaps and late payments marked', async () => {
    const calls = mockApi({ 'GET /api/v1/records/contributions': contributionsRoute(), 'GET /api/v1/family/members': { data: { members: [], agedOut: [], limit: 8 } } });
    const { container } = render(<ContributionsPage />);
    const y2025 = await screen.findByRole('img', { name: '2025年养老保险：已缴 9 个月，补缴 0 个月，断缴 3 个月（断缴：3月、4月、5月）' });
    expect(calls.filter((c) => c.path.startsWith('/api/v1/records/contributions')).map((c) => c.path)).toEqual([
      '/api/v1/records/contributions?from=2022-01&to=2026-11&page=1&pageSize=50',
      '/api/v1/records/contributions?from=2022-01&to=2026-11&page=2&pageSize=50',
    ]);
    const states = Array.from(y2025.querySelectorAll('[data-state]')).map((e) => e.getAttribute('data-state'));
    expect(states).toEqual(['paid', 'paid', 'gap', 'gap', 'gap', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid']);
    expect(within(y2025).getAllByText('✕')).toHaveLength(3);
    expect(screen.getByRole('img', { name: '2024年养老保险：已缴 11 个月，补缴 1 个月，断缴 0 个月' })).toBeTruthy();
    // This year: November is not due yet, so neither paid nor a gap.
    const y2026 = screen.getByRole('img', { name: '2026年养老保险：已缴 10 个月，补缴 0 个月，断缴 0 个月' });
    expect(y2026.querySelectorAll('[data-state="none"]')).toHaveLength(2);
    expect(container.querySelectorAll('[data-kind]')).toHaveLength(2);
    expect(screen.getByText('所选期间缴费 55 个月')).toBeTruthy();
    expect(screen.getByText('✕ 2025-03 至 2025-05，共 3 个月未缴费')).toBeTruthy();
  });

  it('offers the same months as a table, also in large-font mode', async () => {
    updateSettings({ largeFont: true });
    mockApi({ 'GET /api/v1/records/contributions': contributionsRoute(), 'GET /api/v1/family/members': { data: { members: [], agedOut: [], limit: 8 } } });
    const { container } = render(<ContributionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: '以表格查看缴费明细' }));
    const table = screen.getByRole('table', { name: '缴费明细' });
    expect(within(table).getAllByRole('row')).toHaveLength(56);
    expect(within(table).getAllByRole('row')[1].textContent).toContain('2026-10');
    expect(within(table).getByText('补缴 · 职工参保 · 青岛港湾物流有限公司')).toBeTruthy();
    expect(container.querySelector('.page.large-font')).toBeTruthy();
  });

  it('says there is no gap when there is none', async () => {
    const items = [paid('2026-01'), paid('2026-02')];
    const route = contributionsRoute(items);
    mockApi({ 'GET /api/v1/records/contributions': (req) => ({ ...(route(req) as object), summary: { firstMonth: '2026-01', lastMonth: '2026-02', paidMonths: 2, gapMonths: [], personalTotalFen: 0, employerTotalFen: 0 } }) });
    render(<ContributionsPage />);
    expect(await screen.findByText('所选期间没有断缴')).toBeTruthy();
  });

  it('lets a guardian switch to a ward and reads the ward’s months', async () => {
    const calls = mockApi({
      'GET /api/v1/records/contributions': contributionsRoute([paid('2026-01', { scheme: 'resident', coverageMonths: 12, parts: [{ insuranceKind: 'medical', baseFen: 0, personalFen: 40_000, employerFen: 0 }] })]),
      'GET /api/v1/family/members': { data: { members: [{ id: 'g-1', relationship: 'mother', ward: { maskedName: '**雨', maskedIdNumber: '3702**********502X', idType: 'resident', age: 10, turns16On: '2032-06-01' }, ecard: null, since: ASOF }], agedOut: [], limit: 8 } },
    });
    render(<ContributionsPage />);
    fireEvent.click(await screen.findByRole('radio', { name: '查询对象: **雨（亲情服务）' }));
    await waitFor(() => expect(calls.some((c) => c.path.includes('for=g-1'))).toBe(true));
    expect(await screen.findByRole('img', { name: /^2026年医疗保险：已缴 11 个月/ })).toBeTruthy();
  });

  it('shows a refusal with the hotline', async () => {
    mockApi({ 'GET /api/v1/records/contributions': { code: 'HRSS_PERSON_UNKNOWN', status: 404 }, 'GET /api/v1/family/members': { data: { members: [], agedOut: [], limit: 8 } } });
    render(<ContributionsPage />);
    expect(await screen.findByRole('button', { name: '拨打 12345 热线' })).toBeTruthy();
  });
});

describe('a record list page', () => {
  const loans = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      applicationNo: `CYDK2020${String(i).padStart(4, '0')}`, appliedOn: '2020-05-06', businessName: `青岛小店${i}`, amountFen: 20_000_000, termMonths: 36, bank: '青岛银行',
      status: 'repaid', interestSubsidyPct: 100, disbursedOn: '2020-06-01', settledOn: null, note: null,
    }));

  it('shows each record with its fields, pages at the source and filters by date', async () => {
    mock.__routerParams = { kind: 'startup-loans' };
    const calls = mockApi({
      'GET /api/v1/records/startup-loans': ({ query }) => {
        const page = Number(new URLSearchParams(query).get('page'));
        return { items: loans(25).slice((page - 1) * 10, page * 10), page, pageSize: 10, total: 25, asOf: ASOF };
      },
      'GET /api/v1/family/members': { data: { members: [], agedOut: [], limit: 8 } },
    });
    render(<RecordListPage />);
    expect(await screen.findByRole('article', { name: '青岛小店0 已结清' })).toBeTruthy();
    expect(screen.getAllByText('¥200,000.00')).toHaveLength(10);
    expect(screen.getByText('第 1 / 3 页，共 25 条')).toBeTruthy();
    expect(screen.getAllByText('无').length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    expect(await screen.findByRole('article', { name: '青岛小店10 已结清' })).toBeTruthy();

    fireEvent.change(screen.getByLabelText('开始日期'), { target: { value: '2020-01-01' } });
    await waitFor(() => expect(calls.at(-1)!.path).toBe('/api/v1/records/startup-loans?page=1&pageSize=10&from=2020-01-01'));
    expect(Taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '创业担保贷款' });
  });

  it('lists insurance enrolments without a date filter', async () => {
    mock.__routerParams = { kind: 'insurance' };
    mockApi({
      'GET /api/v1/records/insurance': { data: { items: [{ insuranceKind: 'pension', scheme: 'employee', status: 'contributing', firstEnrolledOn: '2008-07-01', lastContributionMonth: '2026-10', monthsContributed: 208, unitName: '青岛港湾物流有限公司', insuredArea: '370202' }], page: 1, pageSize: 10, total: 1, asOf: ASOF } },
      'GET /api/v1/family/members': { data: { members: [], agedOut: [], limit: 8 } },
    });
    render(<RecordListPage />);
    expect(await screen.findByRole('article', { name: '养老保险 正常参保缴费' })).toBeTruthy();
    expect(screen.getByText('208 个月')).toBeTruthy();
    expect(screen.queryByLabelText('开始日期')).toBeNull();
  });
});

describe('the proof pages', () => {
  const issued = { code: 'ABCDE-FGHJK-MNPQR-STVWX', from: '2025-11', to: '2026-10', monthsPaid: 12, issuedAt: ASOF, expiresAt: '2027-02-27T02:00:00.000Z', filePath: '/api/v1/proofs/ABCDE-FGHJK-MNPQR-STVWX/file', sizeBytes: 30_000 };

  it('issues a proof for the chosen months, shows its code and opens the PDF', async () => {
    const calls = mockApi({ 'POST /api/v1/proofs': { data: issued }, 'GET /api/v1/family/members': { data: { members: [], agedOut: [], limit: 8 } } });
    render(<ProofPage />);
    fireEvent.click(screen.getByRole('button', { name: '生成参保证明' }));
    expect(await screen.findByText('ABCDE-FGHJK-MNPQR-STVWX')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ from: '2025-11', to: '2026-10' });
    fireEvent.click(screen.getByRole('button', { name: '下载并打开 PDF' }));
    await waitFor(() => expect(documents.openPdf).toHaveBeenCalledWith('http://bff.test/api/v1/proofs/ABCDE-FGHJK-MNPQR-STVWX/file', expect.objectContaining({ 'X-Lang': 'zh' }), '参保证明-ABCDE-FGHJK-MNPQR-STVWX.pdf'));
  });

  it('says why a proof cannot be issued', async () => {
    mockApi({ 'POST /api/v1/proofs': { code: 'PROOF_NOTHING_PAID', status: 422 }, 'GET /api/v1/family/members': { data: { members: [], agedOut: [], limit: 8 } } });
    render(<ProofPage />);
    fireEvent.click(screen.getByRole('button', { name: '生成参保证明' }));
    expect(await screen.findByRole('button', { name: '拨打 12345 热线' })).toBeTruthy();
  });

  it('checks a code anyone typed and shows what the proof says', async () => {
    mock.__routerParams = { code: 'abcde fghjk mnpqr stvwx' };
    mockApi({
      'GET /api/v1/proofs/abcde%20fghjk%20mnpqr%20stvwx': {
        data: { status: 'valid', holderMaskedName: '**燕', holderMaskedIdNumber: '3702**********2027', from: '2025-11', to: '2026-10', monthsPaid: 12, issuedAt: ASOF, expiresAt: issued.expiresAt, pdfSm3: 'a'.repeat(64), signature: 'ff', signedText: 'x' },
      },
    });
    render(<VerifyProofPage />);
    fireEvent.click(screen.getByRole('button', { name: '查验' }));
    expect(await screen.findByText('✓ 证明有效')).toBeTruthy();
    expect(screen.getByText('**燕')).toBeTruthy();
    expect(screen.getByText('a'.repeat(64))).toBeTruthy();
  });

  it('refuses a forged code', async () => {
    mockApi({ 'GET /api/v1/proofs/ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ': { code: 'PROOF_CODE_INVALID', status: 404 } });
    render(<VerifyProofPage />);
    fireEvent.change(screen.getByLabelText('验证码'), { target: { value: 'ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ' } });
    fireEvent.click(screen.getByRole('button', { name: '查验' }));
    expect(await screen.findByText(/验证码无效/)).toBeTruthy();
  });
});

describe('the contribution history page opened for a range', () => {
  it('reads the months of the range in the link', async () => {
    mock.__routerParams = { from: '2019-01', to: '2020-12' };
    const calls = mockApi({ 'GET /api/v1/records/contributions': contributionsRoute([paid('2019-05')]), 'GET /api/v1/family/members': { data: { members: [], agedOut: [], limit: 8 } } });
    render(<ContributionsPage />);
    expect(await screen.findByRole('img', { name: /^2019年养老保险/ })).toBeTruthy();
    expect(calls.find((c) => c.path.startsWith('/api/v1/records'))!.path).toContain('from=2019-01&to=2020-12');
  });
});
