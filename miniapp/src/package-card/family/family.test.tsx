import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { mockApi } from '../../../test/api-mock';
import { boundSession, ecardFixture } from '../../../test/ecard-fixtures';
import { saveSession } from '../../state/session';
import { updateSettings } from '../../state/settings';
import FamilyPage from './index';

const wardCard = ecardFixture({ id: '0194f0a0-0000-7000-8000-0000000000c1', relation: 'ward', holder: { maskedName: '**雨', maskedIdNumber: '3702**********502X', idType: 'resident' } });

beforeEach(() => {
  (Taro as unknown as { __reset(): void }).__reset();
  updateSettings({ largeFont: false, lang: 'zh' });
  jest.clearAllMocks();
  saveSession(boundSession);
});

describe('the family page', () => {
  it('lists children with age and card, shows a child’s QR, and notes who turned 16', async () => {
    mockApi({
      'GET /api/v1/family/members': {
        data: {
          limit: 8,
          members: [{ id: 'g1', relationship: 'mother', ward: { maskedName: '**雨', maskedIdNumber: '3702**********502X', idType: 'resident', age: 10, turns16On: '2032-06-01' }, ecard: wardCard, since: new Date().toISOString() }],
          agedOut: [{ maskedName: '**轩', turned16On: '2026-12-09' }],
        },
      },
    });
    render(<FamilyPage />);
    expect(await screen.findByText('**雨 · 母亲')).toBeTruthy();
    expect(screen.getByText(/10岁 · 2032-06-01 满16周岁/)).toBeTruthy();
    expect(screen.getByText('**轩 已于 2026-12-09 满16周岁，请其本人申领电子社保卡')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '出示二维码 **雨' }));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/qrcode/index?ecardId=${wardCard.id}` });
  });

  it('removes a member after confirmation and does not offer adding a ninth', async () => {
    const member = (i: number) => ({ id: `g${i}`, relationship: 'father', ward: { maskedName: `*${i}`, maskedIdNumber: 'x', idType: 'resident', age: 5, turns16On: '2037-01-01' }, ecard: null, since: new Date().toISOString() });
    const calls = mockApi({
      'GET /api/v1/family/members': { data: { limit: 8, agedOut: [], members: Array.from({ length: 8 }, (_, i) => member(i)) } },
      'DELETE /api/v1/family/members/g3': { data: { removed: true } },
    });
    render(<FamilyPage />);
    await screen.findByText('*3 · 父亲');
    expect((screen.getByRole('button', { name: '添加家庭成员' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '移除 *3' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/v1/family/members/g3')).toBe(true));
  });
});
