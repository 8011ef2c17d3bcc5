import { act, fireEvent, render, screen, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { BranchFilters, NearbyBranch } from '@qdssc/shared';
import { mockApi } from '../../../test/api-mock';
import { presetBranchFilter } from '../../state/branch-preset';
import { saveSession } from '../../state/session';
import { updateSettings } from '../../state/settings';
import BranchesPage from './index';

const branch = (over: Partial<NearbyBranch>): NearbyBranch => ({
  id: 'b1',
  bank: '中国银行',
  name: '中国银行青岛市分行营业部',
  district: '市南区',
  districtCode: '370202',
  address: '青岛市市南区香港中路59号',
  phone: '0532-81858087',
  lat: 36.0648,
  lng: 120.3868,
  services: ['instant_card', 'temporary_card', 'activation', 'loss_replacement', 'card_business'],
  hours: { weekday: '09:00-17:00', weekend: null },
  synthetic: false,
  distanceM: 120,
  openNow: true,
  ...over,
});

const LIST = [
  branch({}),
  branch({ id: 'b2', bank: '交通银行', name: '交通银行市南示例网点04', phone: '95559', services: ['activation', 'loss_replacement', 'card_business'], synthetic: true, distanceM: 380, openNow: false, lat: 36.067, lng: 120.39 }),
];

const FILTERS: BranchFilters = {
  banks: [
    { name: '中国银行', outlets: 100, instant: 5 },
    { name: '交通银行', outlets: 70, instant: 4 },
  ],
  districts: [],
  totals: { outlets: 1010, instant: 43, synthetic: 1003, banks: 8 },
  datasetVersion: 'v1',
};

/** The BFF's answer to a nearby query, remembering each query asked. */
function answerNearby(list: NearbyBranch[] = LIST) {
  const queries: URLSearchParams[] = [];
  const calls = mockApi({
    'GET /api/v1/branches/filters': { data: FILTERS },
    'GET /api/v1/branches/nearby': ({ query }) => {
      const q = new URLSearchParams(query);
      queries.push(q);
      return { origin: { lat: 36.0648, lng: 120.3868 }, evaluatedAt: new Date().toISOString(), radius: 50_000, branches: list, datasetVersion: 'v1' };
    },
    'POST /api/v1/hotline/handoffs': { data: { handoffId: 'h1', ticketNo: 'QD20261201000007', hotline: '12345', status: 'submitted', createdAt: new Date().toISOString(), identityShared: false } },
  });
  return { queries, calls };
}

beforeEach(() => {
  (Taro as unknown as { __reset(): void }).__reset();
  jest.clearAllMocks();
  updateSettings({ largeFont: false, lang: 'zh' });
  (Taro.getLocation as jest.Mock).mockResolvedValue({ latitude: 36.0651, longitude: 120.3815 });
});

describe('the 网点 tab', () => {
  it('lists outlets nearest the phone first, sending the browser’s WGS-84 position to be converted', async () => {
    const { queries } = answerNearby();
    render(<BranchesPage />);
    await screen.findByText('中国银行青岛市分行营业部');
    expect(queries[0].get('lat')).toBe('36.0651');
    expect(queries[0].get('coord')).toBe('wgs84');
    const items = screen.getAllByRole('listitem');
    expect(items.map((i) => i.querySelector('.branch__name')?.textContent)).toEqual(['中国银行青岛市分行营业部', '交通银行市南示例网点04']);
    expect(within(items[1]).getByText('示例网点')).toBeTruthy();
    expect(within(items[0]).queryByText('示例网点')).toBeNull();
    expect(within(items[0]).getByText('营业中')).toBeTruthy();
    expect(screen.getByText(/标注“示例网点”的是为演示生成的数据/)).toBeTruthy();
    expect(screen.getByText('全市 8 家合作银行 1,010 个网点可办理社保卡业务，其中 43 个可即时制卡')).toBeTruthy();
    // H5 draws a plot of the outlets, numbered as in the list.
    expect(screen.getByRole('img', { name: /网点位置示意图/ }).querySelectorAll('[data-rank]')).toHaveLength(2);
  });

  it('filters by instant card-making, open now and bank', async () => {
    const { queries } = answerNearby();
    render(<BranchesPage />);
    await screen.findByText('中国银行青岛市分行营业部');
    fireEvent.click(screen.getByRole('switch', { name: '仅看可即时制卡' }));
    await act(async () => undefined);
    expect(queries.at(-1)!.get('service')).toBe('instant_card');
    fireEvent.click(screen.getByRole('switch', { name: '仅看营业中' }));
    await act(async () => undefined);
    expect(queries.at(-1)!.get('openNow')).toBe('true');
    fireEvent.click(await screen.findByRole('button', { name: '银行：交通银行' }));
    await act(async () => undefined);
    expect(queries.at(-1)!.get('bank')).toBe('交通银行');
    expect(queries.at(-1)!.get('service')).toBe('instant_card');
  });

  it('calls an outlet and opens directions to it', async () => {
    answerNearby();
    const open = jest.spyOn(window, 'open').mockImplementation(() => null);
    render(<BranchesPage />);
    fireEvent.click(await screen.findByRole('button', { name: '拨打中国银行青岛市分行营业部的电话 0532-81858087' }));
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0532-81858087' });
    fireEvent.click(screen.getByRole('button', { name: '导航到中国银行青岛市分行营业部' }));
    expect(open.mock.calls[0][0]).toContain('position=120.3868,36.0648');
    open.mockRestore();
  });

  it('asks for a district when location is denied and searches from its centre', async () => {
    const { queries } = answerNearby();
    (Taro.getLocation as jest.Mock).mockRejectedValue({ errMsg: 'getLocation:fail User denied Geolocation' });
    render(<BranchesPage />);
    expect(await screen.findByText(/您没有授权获取位置/)).toBeTruthy();
    expect(queries).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: '崂山区' }));
    await screen.findByText('中国银行青岛市分行营业部');
    expect(queries[0].get('coord')).toBe('gcj02');
    expect(Number(queries[0].get('lat'))).toBeCloseTo(36.107, 3);
    expect(screen.getByText('当前位置：崂山区（手动选择）')).toBeTruthy();
  });

  it('says so when the position is unavailable, and offers to try again', async () => {
    answerNearby();
    (Taro.getLocation as jest.Mock).mockRejectedValueOnce({ errMsg: 'getLocation:fail Timeout expired' });
    render(<BranchesPage />);
    expect(await screen.findByText(/暂时无法获取您的位置/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '重新定位' }));
    await screen.findByText('中国银行青岛市分行营业部');
  });

  it('offers to clear filters, change district or call 12345 when nothing matches', async () => {
    answerNearby([]);
    render(<BranchesPage />);
    await screen.findByText('附近没有符合条件的网点');
    fireEvent.click(screen.getByRole('switch', { name: '仅看营业中' }));
    fireEvent.click(await screen.findByRole('button', { name: '清除筛选' }));
    await act(async () => undefined);
    expect((screen.getByRole('switch', { name: '仅看营业中' }) as HTMLInputElement).checked).toBe(false);
    fireEvent.click(screen.getAllByRole('button', { name: '拨打 12345 热线' })[0]);
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '12345' });
  });

  it('opens with instant card-making on when the guide sent the resident here', async () => {
    const { queries } = answerNearby();
    presetBranchFilter({ instantOnly: true });
    render(<BranchesPage />);
    await screen.findByText('中国银行青岛市分行营业部');
    expect(queries.every((q) => q.get('service') === 'instant_card')).toBe(true);
  });

  it('turns a failed search into a refusal screen that hands the problem to 12345 with its context', async () => {
    saveSession({ token: 'x'.repeat(43), expiresAt: new Date(Date.now() + 60_000).toISOString(), user: { userId: 'u1', channel: 'h5', realNameBound: false, maskedName: null } });
    const { calls } = answerNearby();
    const answers = (Taro.request as jest.Mock).getMockImplementation()!;
    (Taro.request as jest.Mock).mockImplementation(async (opts: { url: string; method: string }) =>
      opts.url.includes('/branches/nearby') ? { statusCode: 503, data: { code: 'UPSTREAM_UNAVAILABLE', message: 'x', requestId: 'req-test-1234' } } : answers(opts),
    );
    render(<BranchesPage />);
    expect(await screen.findByText('相关服务暂时不可用，请稍后再试或拨打12345咨询')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '转人工（12345）' }));
    expect(await screen.findByText('QD20261201000007')).toBeTruthy();
    const sent = calls.find((c) => c.path === '/api/v1/hotline/handoffs')!;
    expect(sent.body).toMatchObject({ category: 'branch', context: { operation: 'branches.nearby', errorCode: 'UPSTREAM_UNAVAILABLE', requestId: 'req-test-1234' } });
    fireEvent.click(screen.getByRole('button', { name: '拨打 12345（告知工单号） QD20261201000007' }));
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '12345' });
  });

  it('works in large-font mode', async () => {
    answerNearby();
    updateSettings({ largeFont: true });
    const { container } = render(<BranchesPage />);
    await screen.findByText('中国银行青岛市分行营业部');
    expect(container.querySelector('.page')?.classList.contains('large-font')).toBe(true);
  });
});
