import type { FaceCheck } from '@qdssc/shared';
import { identityService } from '../services/identity.service';

declare const wx: {
  requestFacialVerify(opts: { verifyId: string; success: () => void; fail: (e: { errCode?: number; errMsg?: string }) => void }): void;
};

/**
 * The device step of WeChat 人脸核身: wx.requestFacialVerify with the verifyId from getverifyid.
 * Against the sandbox there is no real WeChat face service, so the twin is told instead.
 */
export async function runFaceCheck(check: FaceCheck, opts: { sandbox: boolean }): Promise<void> {
  if (opts.sandbox) {
    await identityService.sandboxCompleteFaceCheck(check.faceCheckId, true);
    return;
  }
  await new Promise<void>((resolve, reject) => {
    wx.requestFacialVerify({ verifyId: check.verifyId!, success: () => resolve(), fail: (e) => reject(new Error(e.errMsg ?? 'requestFacialVerify failed')) });
  });
}
