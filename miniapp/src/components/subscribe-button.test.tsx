import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { NOTIFICATION_TOPICS } from '@qdssc/shared';
import { mockApi } from '../../test/api-mock';
import { requestHostSubscription as wechatDialog } from '../platform/subscribe.weapp';
import { requestHostSubscription as alipayDialog } from '../platform/subscribe.alipay';
import { clearSession, saveSession } from '../state/session';
import { updateSettings } from '../state/settings';
import { SubscribeButton } from './subscribe-button';

const state = (grants: number, channel = 'h5') => ({
  channel,
  topics: NOTIFICATION_TOPICS.map((topic) => ({ topic, templateId: `${channel}_${topic}`, grants: topic === 'application_status' ? grants : 0, lastAnswer: null, updatedAt: null })),
});

beforeEach(() => {
  (Taro as unknown as { __reset(): void }).__reset();
  jest.clearAllMocks();
  updateSettings({ largeFont: false, lang: 'zh' });
  saveSession({ token: 'x'.repeat(43), expiresAt: new Date(Date.now() + 60_000).toISOString(), user: { userId: 'u1', channel: 'h5', realNameBound: true, maskedName: '**燕' } });
});
afterAll(() => clearSession());

describe('the subscribe button', () => {
  it('asks with the topic’s template id and reports an accept to the BFF', async () => {
    const calls = mockApi({
      'GET /api/v1/notifications/subscriptions': { data: state(0) },
      'POST /api/v1/notifications/subscriptions': { data: state(1) },
    });
    render(<SubscribeButton topics={['application_status']} />);
    const button = await screen.findByRole('button', { name: '有变化时提醒我：业务办理进度' });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(button);
    await screen.findByText('已订阅，有变化时提醒您');
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '允许发送以下通知？', confirmText: '允许' }));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ topics: ['application_status'], results: { h5_application_status: 'accept' } });
    expect(screen.getByText('还可提醒1次')).toBeTruthy();
  });

  it('reports a refusal and says messages still reach the inbox', async () => {
    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    const calls = mockApi({
      'GET /api/v1/notifications/subscriptions': { data: state(0) },
      'POST /api/v1/notifications/subscriptions': { data: state(0) },
    });
    render(<SubscribeButton topics={['application_status']} />);
    const button = await screen.findByRole('button', { name: /有变化时提醒我/ });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(button);
    await screen.findByText('您未允许发送提醒，消息仍会进入“我的消息”');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ topics: ['application_status'], results: { h5_application_status: 'reject' } });
  });

  it('is not shown to someone not logged in', () => {
    clearSession();
    const { container } = render(<SubscribeButton topics={['payment_result']} />);
    expect(container.innerHTML).toBe('');
  });

  it('speaks English and keeps its label in large-font mode', async () => {
    updateSettings({ largeFont: true, lang: 'en' });
    mockApi({ 'GET /api/v1/notifications/subscriptions': { data: state(2) } });
    render(<SubscribeButton topics={['application_status']} />);
    expect(await screen.findByRole('button', { name: 'Notify me of changes：Application progress' })).toBeTruthy();
    expect(await screen.findByText('2 notifications left')).toBeTruthy();
  });
});

describe('the host dialogs', () => {
  it('passes WeChat’s answer per template, and counts a failed dialog as a refusal', async () => {
    const t = Taro as unknown as { requestSubscribeMessage: jest.Mock };
    t.requestSubscribeMessage = jest.fn(async () => ({ errMsg: 'requestSubscribeMessage:ok', a: 'accept', b: 'reject', c: 'ban' }));
    expect(await wechatDialog(['a', 'b', 'c', 'd'])).toEqual({ a: 'accept', b: 'reject', c: 'ban' });
    expect(t.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['a', 'b', 'c'] });
    t.requestSubscribeMessage = jest.fn(async () => {
      throw { errMsg: 'requestSubscribeMessage:fail', errCode: 20004 };
    });
    expect(await wechatDialog(['a'])).toEqual({ a: 'reject' });
  });

  it('reads Alipay’s subscribed entity ids as accepts', async () => {
    const t = Taro as unknown as { requestSubscribeMessage: jest.Mock };
    t.requestSubscribeMessage = jest.fn(async () => ({ behavior: 'subscribe', result: { subscribeEntityIds: ['x'], unsubscribedEntityIds: ['y'] } }));
    expect(await alipayDialog(['x', 'y'])).toEqual({ x: 'accept', y: 'reject' });
    expect(t.requestSubscribeMessage).toHaveBeenCalledWith({ entityIds: ['x', 'y'] });
  });
});
