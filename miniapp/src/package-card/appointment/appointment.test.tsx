import { render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { mockApi } from '../../../test/api-mock';
import { boundSession } from '../../../test/ecard-fixtures';
import { saveSession } from '../../state/session';
import { updateSettings } from '../../state/settings';
import AppointmentPage from './index';

beforeEach(() => {
  (Taro as unknown as { __reset(): void }).__reset();
  updateSettings({ largeFont: false, lang: 'zh' });
  jest.clearAllMocks();
  saveSession(boundSession);
});

describe('the instant card-making appointment page', () => {
  it('says who may ask, what to bring, and lists my booking with a way to cancel it', async () => {
    const calls = mockApi({
      'GET /api/v1/card-appointments': () => [
        { id: 'a1', branchId: 'b1', branchName: '农业银行青岛市南支行', branchAddress: '香港中路1号', date: '2026-12-01', halfDay: 'am', reason: 'inpatient', status: 'booked', bring: ['id_document'] },
      ],
      'GET /api/v1/branches/nearby': { data: { origin: { lat: 36, lng: 120 }, evaluatedAt: new Date().toISOString(), radius: 300000, branches: [], datasetVersion: null } },
    });
    render(<AppointmentPage />);
    expect(screen.getByText('· 正在住院')).toBeTruthy();
    expect(screen.getByText('· 本人有效身份证件原件')).toBeTruthy();
    expect(await screen.findByText('2026-12-01 上午 · 农业银行青岛市南支行 · 已预约')).toBeTruthy();
    expect(screen.getByRole('button', { name: '取消预约' })).toBeTruthy();
    expect(calls.some((c) => c.path.startsWith('/api/v1/branches/nearby') && c.path.includes('service=instant_card'))).toBe(true);
  });
});
