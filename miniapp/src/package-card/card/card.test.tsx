import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ERRORS, type CardView } from '@qdssc/shared';
import { mockApi } from '../../../test/api-mock';
import { boundSession } from '../../../test/ecard-fixtures';
import { saveSession } from '../../state/session';
import { updateSettings } from '../../state/settings';
import CardPage from './index';

const ID = '0190a0b0-0000-7000-8000-000000000001';
const cardView = (over: Partial<CardView> = {}): CardView => ({
  id: ID, relation: 'self', ecardId: null, status: 'active', statusVersion: 1, maskedCardNo: '*****2345', bank: '农业银行', issuedOn: '2016-01-01',
  actions: ['report_temporary_loss', 'cancel'], branchActions: ['report_loss'], usable: true, unusableCode: null,
  production: { stages: [{ stage: 'submitted', at: '2016-01-01T01:00:00.000Z' }, { stage: 'in_production', at: null }, { stage: 'ready_at_branch', at: null }, { stage: 'collected', at: null }], current: 'submitted', expectedReadyOn: '2016-01-12' },
  timeline: [],
  ...over,
});

beforeEach(() => {
  (Taro as unknown as { __reset(): void }).__reset();
  (Taro as unknown as { __routerParams: Record<string, string> }).__routerParams = {};
  updateSettings({ largeFont: false, lang: 'zh' });
  jest.clearAllMocks();
  saveSession(boundSession);
});

describe('the physical card page', () => {
  it('offers only the actions the card’s state allows, and the production timeline', async () => {
    mockApi({ 'GET /api/v1/cards': () => [cardView()] });
    render(<CardPage />);
    expect(await screen.findByRole('button', { name: '临时挂失' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '注销社保卡' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '解除临时挂失' })).toBeNull();
    expect(screen.queryByRole('button', { name: '激活社保卡' })).toBeNull();
    expect(screen.getByText('预计 2016-01-12 前可领取（约7个工作日）')).toBeTruthy();
  });

  it('reports a temporary loss after the password, sending one operation id', async () => {
    const calls = mockApi({
      'GET /api/v1/cards': () => [cardView()],
      [`POST /api/v1/cards/${ID}/temporary-loss`]: () => cardView({ status: 'temporarily_lost', actions: ['release_temporary_loss'], usable: false, unusableCode: 'CARD_TEMPORARILY_LOST' }),
    });
    render(<CardPage />);
    fireEvent.click(await screen.findByRole('button', { name: '临时挂失' }));
    fireEvent.change(screen.getByLabelText('电子社保卡密码'), { target: { value: '258369' } });
    fireEvent.click(screen.getByRole('button', { name: '用密码确认' }));
    expect(await screen.findByRole('button', { name: '解除临时挂失' })).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toMatchObject({ password: '258369', operationId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) });
  });

  it('offers to remind the holder of status changes and production progress', async () => {
    mockApi({ 'GET /api/v1/cards': () => [cardView()], 'GET /api/v1/notifications/subscriptions': () => ({ topics: [] }) });
    render(<CardPage />);
    expect(await screen.findByRole('button', { name: /有变化时提醒我/ })).toBeTruthy();
  });

  it('shows a cancelled card only the way to a branch', async () => {
    mockApi({ 'GET /api/v1/cards': () => [cardView({ status: 'cancelled', actions: [], branchActions: [], usable: false, unusableCode: 'CARD_CANCELLED' })] });
    render(<CardPage />);
    const find = await screen.findByRole('button', { name: '查找即时制卡网点' });
    expect(screen.queryByRole('button', { name: '临时挂失' })).toBeNull();
    fireEvent.click(find);
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/branches/index' }));
    expect(Taro.getStorageSync('qdssc.branchPreset')).toEqual({ instantOnly: true });
  });

  it('leads a branch-only refusal to the branches and the hotline', async () => {
    mockApi({
      'GET /api/v1/cards': () => [cardView()],
      [`POST /api/v1/cards/${ID}/cancellation`]: { code: 'CARD_OP_BRANCH_ONLY', status: 409, message: ERRORS.CARD_OP_BRANCH_ONLY.zh },
    });
    render(<CardPage />);
    fireEvent.click(await screen.findByRole('button', { name: '注销社保卡' }));
    fireEvent.change(screen.getByLabelText('电子社保卡密码'), { target: { value: '258369' } });
    fireEvent.click(screen.getByRole('button', { name: '用密码确认' }));
    expect((await screen.findByRole('alert')).textContent).toContain('即时制卡网点');
    expect(screen.getAllByRole('button', { name: '查找即时制卡网点' }).length).toBeGreaterThan(0);
  });
});
