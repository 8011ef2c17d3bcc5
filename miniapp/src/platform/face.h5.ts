import Taro from '@tarojs/taro';
import { ERRORS, type FaceCheck } from '@qdssc/shared';
import { ApiError } from '../services/http';
import { identityService } from '../services/identity.service';
import { getSettings } from '../state/settings';
import { messagesFor } from '../i18n';

/**
 * A browser has no host face SDK. In the sandbox the resident confirms a simulated check and the
 * twin records it, so the server-side flow (queryverifyinfo, single use, same person) is the
 * real one; outside the sandbox H5 cannot do face checks.
 */
export async function runFaceCheck(check: FaceCheck, opts: { sandbox: boolean }): Promise<void> {
  const lang = getSettings().lang;
  if (!opts.sandbox) throw new ApiError('FACE_CHECK_UNAVAILABLE', ERRORS.FACE_CHECK_UNAVAILABLE[lang], 400);
  const t = messagesFor(lang).card;
  const r = await Taro.showModal({ title: t.faceSandboxTitle, content: t.faceSandboxContent, confirmText: t.facePass, cancelText: t.faceFail });
  await identityService.sandboxCompleteFaceCheck(check.faceCheckId, Boolean(r.confirm));
}
