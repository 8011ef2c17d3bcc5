import Taro from '@tarojs/taro';
import { API, ERRORS, isErrorCode, type AddFamilyMember, type UploadResult } from '@qdssc/shared';
import { getSession } from '../state/session';
import { getSettings } from '../state/settings';
import { ApiError, call } from './http';

/** Typed client of the BFF's family module (亲情服务) and proof uploads. */
export const familyService = {
  list: () => call(API.family.list),
  add: (body: AddFamilyMember) => call(API.family.add, { body }),
  remove: (id: string) => call(API.family.remove, { params: { id } }),

  /** Sends a chosen photo as multipart (`file`) to the BFF; answers like `call`. */
  async uploadProof(filePath: string): Promise<UploadResult> {
    const session = getSession();
    const lang = getSettings().lang;
    let res: { statusCode: number; data: string };
    try {
      res = (await Taro.uploadFile({
        url: `${API_BASE}${API.family.upload.path}`,
        filePath,
        name: 'file',
        // Alipay's my.uploadFile needs the kind of file; the other hosts ignore it.
        fileType: 'image',
        header: { Authorization: session ? `Bearer ${session.token}` : '', 'X-Lang': lang },
      } as Taro.uploadFile.Option)) as unknown as { statusCode: number; data: string };
    } catch (err) {
      throw new ApiError('NETWORK_UNREACHABLE', ERRORS.NETWORK_UNREACHABLE[lang], 0, undefined, { cause: String((err as Error)?.message ?? err) });
    }
    let body: { code?: string; data?: UploadResult; message?: string; requestId?: string; details?: unknown } = {};
    try {
      body = typeof res.data === 'string' ? JSON.parse(res.data) : res.data;
    } catch {
      /* not JSON: a proxy's error page */
    }
    if (res.statusCode === 200 && body.code === 'OK' && body.data) return body.data;
    const code = body.code ?? 'INTERNAL';
    throw new ApiError(code, isErrorCode(code) ? ERRORS[code][lang] : (body.message ?? ERRORS.INTERNAL[lang]), res.statusCode, body.requestId, body.details);
  },
};
