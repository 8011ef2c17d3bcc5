import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { mockApi } from '../../../test/api-mock';
import { saveSession } from '../../state/session';
import { updateSettings } from '../../state/settings';
import MePage from '../../pages/me/index';
import InboxPage from './inbox/index';

const message = (id: string, read: boolean) => ({
  id, topic: 'application_status', data: { item: '灵活就业人员参保登记', status: '已受理' }, page: 'subpackages/business/application/index?id=app-1', aboutWard: false, read, createdAt: '2026-11-29T02:00:00.000Z',
});

beforeEach(() => {
  (Taro as unknown as { __reset(): void }).__reset();
  jest.clearAllMocks();
  updateSettings({ largeFont: false, lang: 'zh' });
  saveSession({ token: 'x'.repeat(43), expiresAt: new Date(Date.now() + 60_000).toISOString(), user: { userId: 'u1', channel: 'wechat', realNameBound: true, maskedName: '**燕' } });
});

describe('the inbox', () => {
  it('lists messages with the unread count, and opening one marks it read and goes to its page', async () => {
    const calls = mockApi({
      'GET /api/v1/notifications/inbox': { data: { items: [message('m1', false), message('m2', true)], page: 1, pageSize: 20, total: 2, unread: 1 } },
      'POST /api/v1/notifications/inbox/m1/read': { data: { unread: 0 } },
    });
    render(<InboxPage />);
    expect(await screen.findByText('1条未读')).toBeTruthy();
    const unread = screen.getByRole('button', { name: /^未读，业务办理进度，办理事项灵活就业人员参保登记/ });
    fireEvent.click(unread);
    expect(await screen.findByText('0条未读')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/notifications/inbox/m1/read')).toBe(true);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/subpackages/business/application/index?id=app-1' });
  });

  it('says what will appear when there is nothing yet', async () => {
    mockApi({ 'GET /api/v1/notifications/inbox': { data: { items: [], page: 1, pageSize: 20, total: 0, unread: 0 } } });
    render(<InboxPage />);
    expect(await screen.findByText(/暂无消息/)).toBeTruthy();
  });
});

describe('the 我的 page', () => {
  it('shows the unread count on the entry to the inbox', async () => {
    mockApi({ 'GET /api/v1/notifications/unread-count': { data: { unread: 3 } } });
    render(<MePage />);
    const entry = await screen.findByRole('button', { name: '我的消息，3条未读' });
    fireEvent.click(entry);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/subpackages/messages/inbox/index' });
  });
});
