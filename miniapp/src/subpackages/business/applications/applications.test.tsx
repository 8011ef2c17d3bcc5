import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { mockApi } from '../../../../test/api-mock';
import { updateSettings } from '../../../state/settings';
import ApplicationPage from '../application/index';
import ApplicationsPage from './index';

const mock = Taro as unknown as { __reset(): void; __routerParams: Record<string, string>; showModal: jest.Mock };

const summary = (id: string, itemId: string, status: string, extra: Record<string, unknown> = {}) => ({
  id, applicationNo: `QDYW2026112900000000${id.slice(-2)}`, itemId, category: 'mediation', status, reason: null,
  submittedAt: '2026-11-29T02:00:00.000Z', updatedAt: '2026-11-29T02:30:00.000Z', forwarded: true, ...extra,
});

const detail = {
  ...summary('app-01', 'dispute-mediation', 'in_review'),
  form: { respondentName: '青岛某某贸易有限公司', disputeType: 'wages', claimFen: 860_050, mobile: '138****1234', consent: true },
  attachments: [{ id: 'a1', slot: 'evidence', type: 'pdf', sizeBytes: 1000, sm3: '0'.repeat(64), uploadedAt: '2026-11-29T02:00:00.000Z' }],
  timeline: [
    { status: 'submitted', at: '2026-11-29T02:00:00.000Z', by: 'user', note: null },
    { status: 'accepted', at: '2026-11-29T02:10:00.000Z', by: 'hrss', note: null },
    { status: 'in_review', at: '2026-11-29T02:30:00.000Z', by: 'hrss', note: null },
  ],
  withdrawable: true,
};

beforeEach(() => {
  mock.__reset();
  updateSettings({ largeFont: false, lang: 'zh' });
  jest.clearAllMocks();
});

describe('my applications', () => {
  it('lists each application with its status in words and opens it', async () => {
    mockApi({ 'GET /api/v1/business/applications': { data: { items: [summary('app-01', 'dispute-mediation', 'accepted'), summary('app-02', 'talent-apartment', 'rejected', { forwarded: false })], page: 1, pageSize: 50, total: 2 } } });
    render(<ApplicationsPage />);
    const row = await screen.findByRole('button', { name: '劳动争议调解申请 已受理' });
    expect(screen.getByRole('button', { name: '人才公寓申请 未通过' })).toBeTruthy();
    expect(screen.getByText('正在提交至人社系统，请稍候')).toBeTruthy();
    fireEvent.click(row);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/subpackages/business/application/index?id=app-01' });
  });

  it('says when there are none yet', async () => {
    mockApi({ 'GET /api/v1/business/applications': { data: { items: [], page: 1, pageSize: 50, total: 0 } } });
    render(<ApplicationsPage />);
    expect(await screen.findByText('还没有申请记录')).toBeTruthy();
  });

  it('shows a ward’s applications to their guardian', async () => {
    mock.__routerParams = { for: 'ward-1' };
    const calls = mockApi({ 'GET /api/v1/business/applications': { data: { items: [], page: 1, pageSize: 50, total: 0 } } });
    render(<ApplicationsPage />);
    await screen.findByText('还没有申请记录');
    expect(calls[0].path).toBe('/api/v1/business/applications?for=ward-1&pageSize=50');
  });
});

describe('one application', () => {
  it('shows the timeline and the masked answers, and withdraws after confirmation', async () => {
    mock.__routerParams = { id: 'app-01' };
    const calls = mockApi({
      'GET /api/v1/business/applications/app-01': { data: detail },
      'POST /api/v1/business/applications/app-01/withdrawal': {
        data: { ...detail, status: 'withdrawn', reason: '申请人撤回', withdrawable: false, timeline: [...detail.timeline, { status: 'withdrawn', at: '2026-11-29T03:00:00.000Z', by: 'user', note: null }] },
      },
    });
    render(<ApplicationPage />);
    expect(await screen.findByText('2026-11-29 10:10 · 人社部门')).toBeTruthy();
    expect(screen.getByText('138****1234')).toBeTruthy();
    expect(screen.getByText('劳动报酬（欠薪）')).toBeTruthy();
    expect(screen.getByText('¥8600.50')).toBeTruthy();

    mock.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    fireEvent.click(screen.getByRole('button', { name: '撤回申请' }));
    await waitFor(() => expect(mock.showModal).toHaveBeenCalledTimes(1));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: '撤回申请' }));
    expect(await screen.findByText('原因：申请人撤回')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '撤回申请' })).toBeNull();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('offers no withdrawal once decided', async () => {
    mock.__routerParams = { id: 'app-01' };
    mockApi({ 'GET /api/v1/business/applications/app-01': { data: { ...detail, status: 'approved', withdrawable: false } } });
    render(<ApplicationPage />);
    expect(await screen.findByText('已办结')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '撤回申请' })).toBeNull();
  });

  it('answers someone else’s application as not found, with a way out', async () => {
    mock.__routerParams = { id: 'not-mine' };
    mockApi({ 'GET /api/v1/business/applications/not-mine': { code: 'APPLICATION_NOT_FOUND', status: 404 } });
    render(<ApplicationPage />);
    expect(await screen.findByText('没有找到该申请')).toBeTruthy();
    expect(screen.getByRole('button', { name: '拨打 12345 热线' })).toBeTruthy();
  });
});
