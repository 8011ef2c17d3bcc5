import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { mockApi } from '../../../test/api-mock';
import { boundSession, ecardFixture } from '../../../test/ecard-fixtures';
import { saveSession } from '../../state/session';
import { updateSettings } from '../../state/settings';
import ApplyPage from './index';

beforeEach(() => {
  (Taro as unknown as { __reset(): void }).__reset();
  updateSettings({ largeFont: false, lang: 'zh' });
  jest.clearAllMocks();
  saveSession(boundSession);
});

describe('the application page', () => {
  it('applies for oneself with one operation id, also when retried after a failure', async () => {
    mockApi({});
    const bodies: unknown[] = [];
    (Taro.request as jest.Mock)
      .mockImplementationOnce(async (o: { data: unknown }) => (bodies.push(o.data), { statusCode: 504, data: { code: 'UPSTREAM_TIMEOUT', message: 'x' } }))
      .mockImplementationOnce(async (o: { data: unknown }) => (bodies.push(o.data), { statusCode: 200, data: { code: 'OK', data: ecardFixture() } }));
    render(<ApplyPage />);
    expect(screen.getByText(/无论年龄、无论国籍、无论户籍/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '为本人申领' }));
    expect((await screen.findByRole('alert')).textContent).toContain('响应超时');
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/ecard/index' }));
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toEqual(bodies[1]);
  });

  it('applies for a child with the relationship and an uploaded proof', async () => {
    (Taro as unknown as { __routerParams: Record<string, string> }).__routerParams = { for: 'child' };
    const calls = mockApi({ 'POST /api/v1/family/members': () => ({ id: 'g1' }) });
    (Taro.chooseImage as jest.Mock).mockResolvedValueOnce({ tempFilePaths: ['blob:proof-1'] });
    (Taro.uploadFile as jest.Mock).mockResolvedValueOnce({ statusCode: 200, data: JSON.stringify({ code: 'OK', data: { uploadId: 'u'.repeat(36), mime: 'image/jpeg', sizeBytes: 10, sha256: 'x' } }) });
    render(<ApplyPage />);
    fireEvent.change(screen.getByLabelText('孩子姓名'), { target: { value: '王小雨' } });
    fireEvent.change(screen.getByLabelText('证件号码'), { target: { value: '37020220160601502X' } });
    fireEvent.click(screen.getByRole('button', { name: '提交申领' }));
    expect((await screen.findByRole('alert')).textContent).toBe('请先上传关系证明材料');
    fireEvent.click(screen.getByRole('button', { name: '拍照或选择证明材料' }));
    await screen.findByRole('button', { name: '证明材料已上传' });
    expect(Taro.uploadFile).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'blob:proof-1', name: 'file', header: expect.objectContaining({ Authorization: `Bearer ${boundSession.token}` }) }));
    fireEvent.click(screen.getByRole('button', { name: '提交申领' }));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/package-card/family/index' }));
    expect(calls[0].body).toMatchObject({ name: '王小雨', idType: 'resident', idNumber: '37020220160601502X', relationship: 'mother', proofKind: 'household_register', proofUploadId: 'u'.repeat(36) });
  });

  it('says plainly when the proof is not a photo or PDF', async () => {
    (Taro as unknown as { __routerParams: Record<string, string> }).__routerParams = { for: 'child' };
    (Taro.chooseImage as jest.Mock).mockResolvedValueOnce({ tempFilePaths: ['blob:gif'] });
    (Taro.uploadFile as jest.Mock).mockResolvedValueOnce({ statusCode: 415, data: JSON.stringify({ code: 'UPLOAD_TYPE_NOT_ALLOWED', message: 'x' }) });
    render(<ApplyPage />);
    fireEvent.click(screen.getByRole('button', { name: '拍照或选择证明材料' }));
    expect((await screen.findByRole('alert')).textContent).toContain('仅支持 JPG、PNG 图片或 PDF 文件');
  });
});
