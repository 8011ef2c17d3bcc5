import type { FaceCheck } from '@qdssc/shared';
import { identityService } from '../services/identity.service';

declare const my: {
  startAPVerify(opts: { url: string; certifyId: string; success: (r: { resultStatus?: string }) => void; fail: (e: unknown) => void }): void;
};

/** The device step of Alipay certify: my.startAPVerify with the certify URL; the sandbox tells the twin instead. */
export async function runFaceCheck(check: FaceCheck, opts: { sandbox: boolean }): Promise<void> {
  if (opts.sandbox) {
    await identityService.sandboxCompleteFaceCheck(check.faceCheckId, true);
    return;
  }
  await new Promise<void>((resolve, reject) => {
    my.startAPVerify({
      url: check.certifyUrl!,
      certifyId: check.certifyId!,
      // The server asks Alipay for the real result either way; '9000' only means the flow finished.
      success: (r) => (r.resultStatus === '9000' ? resolve() : reject(new Error(`startAPVerify ${r.resultStatus}`))),
      fail: reject,
    });
  });
}
