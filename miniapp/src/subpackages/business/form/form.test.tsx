import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { businessItem, ERRORS } from '@qdssc/shared';
import { goodForm } from '../../../../../shared/src/business/form-samples';
import { mockApi } from '../../../../test/api-mock';
import { answer, fieldBox } from '../../../../test/form-answers';
import { saveSession } from '../../../state/session';
import { updateSettings } from '../../../state/settings';
import BusinessFormPage from './index';

const mediation = businessItem('dispute-mediation')!;
const mock = Taro as unknown as { __reset(): void; __routerParams: Record<string, string>; request: jest.Mock; uploadFile: jest.Mock; chooseImage: jest.Mock };

const detail = { id: 'app-1', applicationNo: 'QDYW202611290000000001', itemId: 'dispute-mediation', category: 'mediation', status: 'submitted', reason: null, submittedAt: '2026-11-29T02:00:00.000Z', updatedAt: '2026-11-29T02:00:00.000Z', forwarded: true, form: {}, attachments: [], timeline: [], withdrawable: true };
const uploaded = { id: 'att-1', itemId: 'dispute-mediation', slot: 'evidence', type: 'jpeg', sizeBytes: 2048, sm3: '0'.repeat(64), uploadedAt: '2026-11-29T02:00:00.000Z' };

function login() {
  saveSession({ token: 't'.repeat(43), expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: { userId: 'u1', channel: 'h5', realNameBound: true, maskedName: '**燕' } });
}

async function fillMediation(container: HTMLElement) {
  const good = goodForm(mediation);
  for (const f of mediation.fields) answer(container, f, good[f.name]);
  mock.chooseImage.mockResolvedValueOnce({ tempFilePaths: ['/tmp/evidence.jpg'] });
  mock.uploadFile.mockResolvedValueOnce({ statusCode: 200, data: JSON.stringify({ code: 'OK', data: uploaded }) });
  fireEvent.click(screen.getByRole('button', { name: '上传材料：证据材料（劳动合同、工资条、考勤等）' }));
  await screen.findByRole('button', { name: '删除 证据材料（劳动合同、工资条、考勤等） 1' });
}

beforeEach(() => {
  mock.__reset();
  updateSettings({ largeFont: false, lang: 'zh' });
  jest.clearAllMocks();
  mock.__routerParams = { item: 'dispute-mediation' };
});

describe('the business form page', () => {
  it('uploads a document, submits the mediation request and opens the application', async () => {
    login();
    const calls = mockApi({ 'POST /api/v1/business/applications': { data: detail } });
    const { container } = render(<BusinessFormPage />);
    expect(screen.getByText('承诺办结时限：15 个工作日')).toBeTruthy();
    await fillMediation(container);
    expect(mock.uploadFile).toHaveBeenCalledWith(expect.objectContaining({
      url: 'http://bff.test/api/v1/business/attachments', filePath: '/tmp/evidence.jpg', name: 'file',
      formData: { itemId: 'dispute-mediation', slot: 'evidence' }, header: expect.objectContaining({ Authorization: `Bearer ${'t'.repeat(43)}` }),
    }));
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/subpackages/business/application/index?id=app-1' }));
    const body = calls.find((c) => c.path === '/api/v1/business/applications')!.body as Record<string, any>;
    expect(body).toMatchObject({ itemId: 'dispute-mediation', attachmentIds: ['att-1'], clientId: expect.stringMatching(/^[A-Za-z0-9_-]{16,64}$/) });
    expect(body.form.respondentCreditCode).toBe(goodForm(mediation).respondentCreditCode);
  });

  it('resends with the same client id after an answer was lost, so the BFF gives back the first application', async () => {
    login();
    mockApi({ 'POST /api/v1/business/applications': { data: detail } });
    mock.request.mockRejectedValueOnce(new Error('request:fail timeout'));
    const { container } = render(<BusinessFormPage />);
    await fillMediation(container);
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    expect((await screen.findByRole('alert')).textContent).toContain('网络连接失败');
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled());
    const ids = mock.request.mock.calls.map((c) => (c[0] as { data: { clientId: string } }).data.clientId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it('shows at its field a problem only the BFF could find', async () => {
    login();
    mockApi({ 'POST /api/v1/business/applications': { code: 'FORM_INVALID', status: 400, details: { fields: [{ path: 'form.respondentCreditCode', problem: 'CREDIT_CODE_INVALID', message: 'x' }] } } });
    const { container } = render(<BusinessFormPage />);
    await fillMediation(container);
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    await waitFor(() => expect(within(fieldBox(container, 'respondentCreditCode')).getByRole('alert').textContent).toBe('统一社会信用代码有误（18位）'));
  });

  it('says why it cannot be submitted before real-name verification, with the hotline and branches', async () => {
    login();
    mockApi({ 'POST /api/v1/business/applications': { code: 'REAL_NAME_REQUIRED', status: 403 } });
    const { container } = render(<BusinessFormPage />);
    await fillMediation(container);
    fireEvent.click(screen.getByRole('button', { name: '提交申请' }));
    expect(await screen.findByText(ERRORS.REAL_NAME_REQUIRED.zh)).toBeTruthy();
    expect(screen.getByRole('button', { name: '拨打 12345 热线' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '查找附近网点' })).toBeTruthy();
  });

  it('refuses a document the BFF finds of the wrong type, saying which types to use', async () => {
    login();
    render(<BusinessFormPage />);
    mock.chooseImage.mockResolvedValueOnce({ tempFilePaths: ['/tmp/x.heic'] });
    mock.uploadFile.mockResolvedValueOnce({ statusCode: 415, data: JSON.stringify({ code: 'ATTACHMENT_TYPE_REFUSED', message: 'x' }) });
    fireEvent.click(screen.getByRole('button', { name: '上传材料：证据材料（劳动合同、工资条、考勤等）' }));
    expect((await screen.findByText('材料格式不支持，请上传 PDF、JPG 或 PNG 文件'))).toBeTruthy();
  });

  it('asks a visitor to log in first', () => {
    render(<BusinessFormPage />);
    expect(screen.getByRole('button', { name: '去登录' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '提交申请' })).toBeNull();
  });

  it('says so when the item does not exist', () => {
    mock.__routerParams = { item: 'free-money' };
    render(<BusinessFormPage />);
    expect(screen.getByText('没有该办事事项，请返回服务列表重新选择')).toBeTruthy();
  });
});
