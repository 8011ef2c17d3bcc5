import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { takeBranchPreset } from '../../state/branch-preset';
import { saveSession } from '../../state/session';
import { updateSettings } from '../../state/settings';
import GuidePage from './index';
import EligibilityWizard, { outcomeOf } from './wizard/index';

beforeEach(() => {
  (Taro as unknown as { __reset(): void }).__reset();
  jest.clearAllMocks();
  updateSettings({ largeFont: false, lang: 'zh' });
});

const tap = (name: string) => fireEvent.click(screen.getByRole('button', { name }));

describe('the guide', () => {
  it('states the conditions, materials, time and channels as the bureau does', () => {
    render(<GuidePage />);
    const text = screen.getByRole('main').textContent!;
    expect(text).toContain('无论年龄、国籍、户籍');
    expect(text).toContain('户口簿或医学出生证明');
    expect(text).toContain('7 个工作日');
    expect(text).toContain('43 个即时制卡网点');
    expect(text).toContain('138 个 App 和网站');
    tap('我能办吗？三步判断');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/subpackages/guide/wizard/index' });
  });
});

describe('the eligibility wizard', () => {
  it('ends at applying for the e-card', () => {
    render(<EligibilityWizard />);
    expect(screen.getByText('第 1 步，共 3 步')).toBeTruthy();
    tap('是');
    tap('为本人办理（16周岁及以上）');
    tap('电子社保卡（手机上使用）');
    expect(screen.getByText('您可以直接申领电子社保卡。')).toBeTruthy();
    tap('去申领电子社保卡');
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/ecard/index' });
  });

  it('ends at an instant branch for a guardian in a hurry, listing both IDs and the relationship proof', () => {
    render(<EligibilityWizard />);
    tap('是');
    tap('为未满16周岁的孩子办理（监护人代办）');
    tap('实体卡，着急使用');
    expect(screen.getByRole('status').textContent).toContain('双方有效身份证件和关系证明材料');
    tap('查找即时制卡网点');
    expect(takeBranchPreset()).toEqual({ instantOnly: true });
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/branches/index' });
  });

  it('ends at any branch for an adult who can wait seven working days', () => {
    render(<EligibilityWizard />);
    tap('是');
    tap('为本人办理（16周岁及以上）');
    tap('实体卡，不着急');
    expect(screen.getByRole('status').textContent).toContain('7 个工作日');
    expect(screen.getByRole('status').textContent).toContain('本人有效身份证件');
    tap('查找附近网点');
    expect(takeBranchPreset()).toBeNull();
  });

  it('ends at the hotline for someone not insured in Qingdao, with a ticket for a logged-in resident', () => {
    saveSession({ token: 'x'.repeat(43), expiresAt: new Date(Date.now() + 60_000).toISOString(), user: { userId: 'u1', channel: 'h5', realNameBound: false, maskedName: null } });
    render(<EligibilityWizard />);
    tap('否');
    expect(screen.getByText(/社保卡需在参保地申领/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '转人工（12345）' })).toBeTruthy();
    tap('拨打 12345 热线');
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '12345' });
  });

  it('goes back a step and starts again', () => {
    render(<EligibilityWizard />);
    tap('是');
    tap('上一步');
    expect(screen.getByText('第 1 步，共 3 步')).toBeTruthy();
    tap('不确定');
    tap('重新判断');
    expect(screen.getByText('第 1 步，共 3 步')).toBeTruthy();
  });

  it('maps every answer to an outcome only once all are given', () => {
    expect(outcomeOf({})).toBeNull();
    expect(outcomeOf({ insured: 'yes', who: 'self' })).toBeNull();
    expect(outcomeOf({ insured: 'unsure' })).toBe('hotline');
    expect(outcomeOf({ insured: 'yes', who: 'child', need: 'normal' })).toBe('branch');
  });
});
