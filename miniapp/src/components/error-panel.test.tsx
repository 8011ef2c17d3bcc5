import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { mockApi } from '../../test/api-mock';
import { saveSession } from '../state/session';
import { updateSettings } from '../state/settings';
import { ErrorPanel } from './error-panel';
import { operationFromRoute } from './hotline-handoff';

const REFUSAL = { code: 'UPSTREAM_TIMEOUT', message: '相关服务响应超时，请稍后再试', requestId: 'req-abcdef123456' };

function logIn() {
  saveSession({ token: 'x'.repeat(43), expiresAt: new Date(Date.now() + 60_000).toISOString(), user: { userId: 'u1', channel: 'wechat', realNameBound: true, maskedName: '**燕' } });
}

const TICKET = { data: { handoffId: 'h1', ticketNo: 'QD20261201000042', hotline: '12345', status: 'submitted', createdAt: new Date().toISOString(), identityShared: true } };

beforeEach(() => {
  (Taro as unknown as { __reset(): void }).__reset();
  jest.clearAllMocks();
  updateSettings({ largeFont: false, lang: 'zh' });
});

describe('the refusal panel', () => {
  it('keeps its old props: message, retry, call 12345 and the nearest branch', () => {
    const retry = jest.fn();
    render(<ErrorPanel error={REFUSAL} onRetry={retry} />);
    expect(screen.getByRole('alert').textContent).toContain('相关服务响应超时');
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(retry).toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: '拨打 12345 热线' }));
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '12345' });
    fireEvent.click(screen.getByRole('button', { name: '查找附近网点' }));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/branches/index' });
  });

  it('tells a visitor that logging in lets them hand it to a person, and still offers the call', () => {
    render(<ErrorPanel error={REFUSAL} />);
    expect(screen.queryByRole('button', { name: '转人工（12345）' })).toBeNull();
    expect(screen.getByText(/登录后可一键转人工/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '拨打 12345 热线' })).toBeTruthy();
  });

  it('creates a 12345 ticket with the operation, code and request id, shows its number and calls with one tap', async () => {
    logIn();
    const calls = mockApi({ 'POST /api/v1/hotline/handoffs': TICKET });
    render(<ErrorPanel error={REFUSAL} operation='ecard.apply' />);
    fireEvent.click(screen.getByRole('button', { name: '转人工（12345）' }));
    expect(await screen.findByText('QD20261201000042')).toBeTruthy();
    expect(calls[0].body).toMatchObject({ category: 'ecard', context: { operation: 'ecard.apply', errorCode: 'UPSTREAM_TIMEOUT', requestId: 'req-abcdef123456' } });
    fireEvent.click(screen.getByRole('button', { name: '拨打 12345（告知工单号） QD20261201000042' }));
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '12345' });
    fireEvent.click(screen.getByRole('button', { name: '复制工单号' }));
    await act(async () => undefined);
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'QD20261201000042' });
  });

  it('names the page as the operation when the screen gave none', async () => {
    logIn();
    const calls = mockApi({ 'POST /api/v1/hotline/handoffs': TICKET });
    render(<ErrorPanel error={{ message: '出错了' }} />);
    fireEvent.click(screen.getByRole('button', { name: '转人工（12345）' }));
    await screen.findByText('QD20261201000042');
    expect(calls[0].body).toMatchObject({ category: 'other', context: { operation: 'app.page' } });
    expect(operationFromRoute('/pages/ecard/index')).toBe('ecard.page');
    expect(operationFromRoute('/subpackages/guide/wizard/index')).toBe('guide-wizard.page');
  });

  it('says when the hotline is down and retries with the same key, so a retry is one ticket', async () => {
    logIn();
    mockApi({ 'POST /api/v1/hotline/handoffs': { status: 503, code: 'HOTLINE_UNAVAILABLE' } });
    render(<ErrorPanel error={REFUSAL} operation='ecard.apply' />);
    fireEvent.click(screen.getByRole('button', { name: '转人工（12345）' }));
    expect(await screen.findByText('暂时无法转接人工服务，请直接拨打12345，并告知问题编号')).toBeTruthy();
    expect(screen.getByRole('button', { name: '拨打 12345 热线' })).toBeTruthy();
    mockApi({ 'POST /api/v1/hotline/handoffs': TICKET });
    fireEvent.click(screen.getByRole('button', { name: '重试转人工' }));
    expect(await screen.findByText('QD20261201000042')).toBeTruthy();
    const keys = jest.mocked(Taro.request).mock.calls.map((c) => (c[0] as { data: { clientOpId: string } }).data.clientOpId);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('speaks English in the English interface', () => {
    updateSettings({ lang: 'en' });
    logIn();
    render(<ErrorPanel error={REFUSAL} />);
    expect(screen.getByRole('button', { name: 'Talk to a person (12345)' })).toBeTruthy();
  });
});
