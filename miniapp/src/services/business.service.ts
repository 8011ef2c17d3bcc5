import Taro from '@tarojs/taro';
import { API, ERRORS, isErrorCode, type SubmitApplicationRequest, type UploadedAttachment } from '@qdssc/shared';
import { getSession } from '../state/session';
import { getSettings } from '../state/settings';
import { ApiError, call } from './http';

/** Typed client of the BFF's online-business module. */
export const businessService = {
  catalogue: () => call(API.business.catalogue),
  submit: (body: SubmitApplicationRequest) => call(API.business.submit, { body }),
  list: (query: { for?: string; status?: string; page?: number; pageSize?: number } = {}) => call(API.business.list, { query }),
  detail: (id: string, forWard?: string) => call(API.business.detail, { params: { id }, query: { for: forWard } }),
  withdraw: (id: string, reason?: string, forWard?: string) => call(API.business.withdraw, { params: { id }, query: { for: forWard }, body: { reason } }),
  deleteAttachment: (id: string) => call(API.business.deleteAttachment, { params: { id } }),

  /**
   * Multipart upload of one document (`Taro.uploadFile`: the hosts' own uploader, which `call()`
   * cannot do); errors come back as the same ApiError with the shared message.
   */
  async uploadAttachment(itemId: string, slot: string, filePath: string, forWard?: string): Promise<UploadedAttachment> {
    const lang = getSettings().lang;
    const header: Record<string, string> = { 'X-Lang': lang };
    const session = getSession();
    if (session) header.Authorization = `Bearer ${session.token}`;
    const q = forWard ? `?for=${encodeURIComponent(forWard)}` : '';
    let res: { statusCode: number; data: unknown };
    try {
      res = await Taro.uploadFile({ url: `${API_BASE}${API.business.uploadAttachment.path}${q}`, filePath, name: 'file', formData: { itemId, slot }, header });
    } catch (err) {
      throw new ApiError('NETWORK_UNREACHABLE', ERRORS.NETWORK_UNREACHABLE[lang], 0, undefined, { cause: String((err as Error)?.message ?? err) });
    }
    let body: { code?: string; data?: UploadedAttachment; message?: string; requestId?: string; details?: unknown } = {};
    try {
      body = typeof res.data === 'string' ? JSON.parse(res.data) : (res.data as typeof body);
    } catch {
      /* not JSON: a proxy's error page */
    }
    if (res.statusCode === 200 && body.code === 'OK' && body.data) return body.data;
    const code = body.code ?? 'INTERNAL';
    throw new ApiError(code, isErrorCode(code) ? ERRORS[code][lang] : (body.message ?? ERRORS.INTERNAL[lang]), res.statusCode, body.requestId, body.details);
  },
};
