import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { checkEcardPassword } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../components/error-panel';
import { Field } from '../../components/field';
import { Heading } from '../../components/heading';
import { PageShell } from '../../components/page-shell';
import { fmt } from '../../i18n';
import { runFaceCheck } from '../../platform/face';
import { ecardService } from '../../services/ecard.service';
import { identityService } from '../../services/identity.service';
import { getMeta } from '../../state/meta';
import { useSettings } from '../../state/settings';
import '../../styles/ecard.scss';

type Credential = { password?: string; faceCheckId?: string };

/** A face check for people who forgot the password: the BFF accepts its id instead. */
async function faceCredential(): Promise<{ faceCheckId: string }> {
  const check = await identityService.startFaceCheck({ purpose: 'confirm' });
  await runFaceCheck(check, { sandbox: (await getMeta()).sandbox });
  return { faceCheckId: check.faceCheckId };
}

/** Shows the remaining tries the BFF reports, so nobody locks themselves out unawares. */
function withTries(e: unknown, template: string): ShownError {
  const err = e as ShownError & { details?: { remainingTries?: number } };
  const tries = err.details?.remainingTries;
  return { ...err, message: tries ? `${err.message}，${fmt(template, { n: tries })}` : err.message };
}

/** E-card password change (old password or face check) and stopping the e-card in this app. */
export default function CardSecurityPage() {
  const { t } = useSettings();
  const s = t.cardSecurity;
  const { params } = useRouter();
  const ecardId = params.ecardId ?? '';

  const [oldPassword, setOldPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<{ old?: string; next?: string; confirm?: string }>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  const [revokeOpen, setRevokeOpen] = useState(false);
  const [revokePassword, setRevokePassword] = useState('');
  const [revokeError, setRevokeError] = useState<ShownError | null>(null);

  const change = async (how: 'password' | 'face') => {
    const pw = checkEcardPassword(newPassword);
    const p = {
      old: how === 'password' && !/^\d{6}$/.test(oldPassword) ? s.oldPasswordMissing : undefined,
      next: pw ? t.card.passwordProblems[pw] : newPassword === oldPassword && how === 'password' ? s.samePassword : undefined,
      confirm: newPassword === confirm ? undefined : t.card.passwordMismatch,
    };
    setProblems(p);
    if (p.old || p.next || p.confirm) return;
    setBusy(true);
    setError(null);
    try {
      const proof: { oldPassword?: string; faceCheckId?: string } = how === 'face' ? await faceCredential() : { oldPassword };
      await ecardService.changePassword(ecardId, { ...proof, newPassword });
      setOldPassword('');
      setNewPassword('');
      setConfirm('');
      await Taro.showToast({ title: s.changed, icon: 'success' });
    } catch (e) {
      const err = e as ShownError & { details?: { problem?: keyof typeof t.card.passwordProblems } };
      if (err.code === 'ECARD_PASSWORD_WEAK' && err.details?.problem) setProblems({ next: t.card.passwordProblems[err.details.problem] });
      else setError(withTries(e, t.card.remainingTries));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (how: 'password' | 'face') => {
    if (how === 'password' && !/^\d{6}$/.test(revokePassword)) {
      setRevokeError({ message: s.oldPasswordMissing });
      return;
    }
    setBusy(true);
    setRevokeError(null);
    try {
      const credential: Credential = how === 'face' ? await faceCredential() : { password: revokePassword };
      await ecardService.revoke(ecardId, credential);
      await Taro.showToast({ title: s.revoked, icon: 'success' });
      await Taro.switchTab({ url: '/pages/ecard/index' });
    } catch (e) {
      setRevokeError(withTries(e, t.card.remainingTries));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell label={s.title}>
      <View className='card'>
        <Heading>{s.changeTitle}</Heading>
        <Text className='muted'>{s.changeIntro}</Text>
        <Field label={s.oldPassword} name='oldPassword' type='number' password maxlength={6} value={oldPassword} onInput={setOldPassword} placeholder={t.card.passwordPlaceholder} error={problems.old} />
        <Field label={s.newPassword} name='newPassword' type='number' password maxlength={6} value={newPassword} onInput={setNewPassword} placeholder={t.card.passwordPlaceholder} error={problems.next} />
        <Field label={t.card.confirmPassword} name='confirmPassword' type='number' password maxlength={6} value={confirm} onInput={setConfirm} placeholder={t.card.passwordPlaceholder} error={problems.confirm} />
        <Button className='btn btn-primary' disabled={busy} loading={busy} onClick={() => change('password')} ariaLabel={s.changeWithOld}>
          {s.changeWithOld}
        </Button>
        <Button className='btn btn-plain' disabled={busy} onClick={() => change('face')} ariaLabel={s.changeWithFace}>
          {s.changeWithFace}
        </Button>
        {error ? <ErrorPanel error={error} /> : null}
      </View>

      <View className='card'>
        <Heading level={2}>{s.revokeTitle}</Heading>
        <Text className='muted'>{s.revokeIntro}</Text>
        {revokeOpen ? (
          <View role='group' aria-label={s.revokeTitle}>
            <Field label={s.currentPassword} name='revokePassword' type='number' password maxlength={6} value={revokePassword} onInput={setRevokePassword} placeholder={t.card.passwordPlaceholder} />
            <Button className='btn btn-primary' disabled={busy} onClick={() => revoke('password')} ariaLabel={s.revokeConfirm}>
              {s.revokeConfirm}
            </Button>
            <Button className='btn btn-plain' disabled={busy} onClick={() => revoke('face')} ariaLabel={s.revokeWithFace}>
              {s.revokeWithFace}
            </Button>
            <Button className='btn btn-plain' onClick={() => setRevokeOpen(false)} ariaLabel={t.common.cancel}>
              {t.common.cancel}
            </Button>
          </View>
        ) : (
          <Button className='btn btn-secondary' onClick={() => setRevokeOpen(true)} ariaLabel={s.revokeStart}>
            {s.revokeStart}
          </Button>
        )}
        {revokeError ? <ErrorPanel error={revokeError} /> : null}
      </View>
    </PageShell>
  );
}
