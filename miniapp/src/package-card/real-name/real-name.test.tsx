import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { mockApi } from '../../../test/api-mock';
import { boundSession } from '../../../test/ecard-fixtures';
import { resetMeta } from '../../state/meta';
import { getSession, saveSession } from '../../state/session';
import { updateSettings } from '../../state/settings';
import RealNamePage from './index';

const unbound = { ...boundSession, user: { ...boundSession.user, realNameBound: false, maskedName: null } };
const meta = { 'GET /api/v1/meta': { data: { version: '0.1.0', sandbox: true, channels: ['h5'] } } };
const faceCheck = { faceCheckId: 'f'.repeat(32), provider: 'wechat', verifyId: 'v1', expiresAt: new Date(Date.now() + 600_000).toISOString() };

beforeEach(() => {
  (Taro as unknown as { __reset(): void }).__reset();
  updateSettings({ largeFont: false, lang: 'zh' });
  jest.clearAllMocks();
  resetMeta();
  saveSession(unbound);
});

function fill(name: string, idNumber: string) {
  fireEvent.change(screen.getByLabelText('姓名'), { target: { value: name } });
  fireEvent.change(screen.getByLabelText('证件号码'), { target: { value: idNumber } });
  fireEvent.click(screen.getByRole('button', { name: '下一步：人脸核验' }));
}

describe('the real-name page', () => {
  it('catches a typo in the ID number on the phone, before any request', async () => {
    const calls = mockApi(meta);
    render(<RealNamePage />);
    fill('王海燕', '370202198503152028');
    expect((await screen.findByRole('alert')).textContent).toBe('证件号码最后一位校验码不对，请逐位核对');
    expect(screen.getByLabelText('证件号码: 证件号码最后一位校验码不对，请逐位核对')).toBeTruthy();
    expect(calls).toHaveLength(0);
  });

  it('says when the number belongs to another document type', async () => {
    mockApi(meta);
    render(<RealNamePage />);
    fill('陈志明', '810000198811035010');
    expect((await screen.findByRole('alert')).textContent).toContain('号码与所选证件类型不符');
  });

  it('runs the face check, binds, and continues to the application', async () => {
    const calls = mockApi({
      ...meta,
      'POST /api/v1/identity/face-checks': { data: faceCheck },
      [`POST /api/v1/sandbox/face-checks/${faceCheck.faceCheckId}/complete`]: { data: { completed: true } },
      'POST /api/v1/identity/bind': { data: { user: { ...unbound.user, realNameBound: true, maskedName: '**燕' }, insuredInQingdao: true, insuredArea: '370200', hasEcard: false } },
    });
    render(<RealNamePage />);
    fill('王海燕', '370202198503152027');
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/package-card/apply/index?for=self' }));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '人脸核验（演示）', confirmText: '通过' }));
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/identity/face-checks', '/api/v1/meta', `/api/v1/sandbox/face-checks/${faceCheck.faceCheckId}/complete`, '/api/v1/identity/bind']);
    expect(calls[0].body).toEqual({ purpose: 'bind', name: '王海燕', idType: 'resident', idNumber: '370202198503152027' });
    expect(getSession()?.user).toMatchObject({ realNameBound: true, maskedName: '**燕' });
  });

  it('tells a person insured elsewhere that they cannot apply, and offers the branch and 12345', async () => {
    mockApi({
      ...meta,
      'POST /api/v1/identity/face-checks': { data: faceCheck },
      [`POST /api/v1/sandbox/face-checks/${faceCheck.faceCheckId}/complete`]: { data: { completed: true } },
      'POST /api/v1/identity/bind': { data: { user: { ...unbound.user, realNameBound: true, maskedName: '**国' }, insuredInQingdao: false, insuredArea: '110000', hasEcard: false } },
    });
    render(<RealNamePage />);
    fill('李建国', '110105197807204018');
    expect((await screen.findByRole('alert')).textContent).toContain('未在青岛参加社会保险');
    fireEvent.click(screen.getByRole('button', { name: '查找附近网点' }));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/branches/index' });
    fireEvent.click(screen.getByRole('button', { name: '拨打 12345 热线' }));
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '12345' });
    expect(Taro.redirectTo).not.toHaveBeenCalled();
  });

  it('shows a failed face check with a way forward', async () => {
    mockApi({
      ...meta,
      'POST /api/v1/identity/face-checks': { data: faceCheck },
      [`POST /api/v1/sandbox/face-checks/${faceCheck.faceCheckId}/complete`]: { data: { completed: true } },
      'POST /api/v1/identity/bind': { code: 'FACE_CHECK_NOT_PASSED', status: 403 },
    });
    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    render(<RealNamePage />);
    fill('王海燕', '370202198503152027');
    expect((await screen.findByRole('alert')).textContent).toContain('人脸核验未通过');
  });
});
