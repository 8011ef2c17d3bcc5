import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { checkEcardPassword } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../components/error-panel';
import { Field } from '../../components/field';
import { Heading } from '../../components/heading';
import { PageShell } from '../../components/page-shell';
import { ecardService } from '../../services/ecard.service';
import { useSettings } from '../../state/settings';
import '../../styles/ecard.scss';

/** Level 2: link the physical card's bank account and set the 6-digit e-card password. */
export default function Level2Page() {
  const { t } = useSettings();
  const { params } = useRouter();
  const [bankAccount, setBankAccount] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<{ bank?: string; password?: string; confirm?: string }>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  const submit = async () => {
    const pw = checkEcardPassword(password);
    const p = {
      bank: /^\d{12,19}$/.test(bankAccount.replace(/\s/g, '')) ? undefined : t.card.bankAccountPlaceholder,
      password: pw ? t.card.passwordProblems[pw] : undefined,
      confirm: password === confirm ? undefined : t.card.passwordMismatch,
    };
    setProblems(p);
    if (p.bank || p.password || p.confirm) return;
    setBusy(true);
    setError(null);
    try {
      await ecardService.raiseToLevel2(params.ecardId ?? '', bankAccount.replace(/\s/g, ''), password);
      await Taro.showToast({ title: t.card.level2Done, icon: 'success' });
      await Taro.switchTab({ url: '/pages/ecard/index' });
    } catch (e) {
      const err = e as ShownError & { details?: { problem?: keyof typeof t.card.passwordProblems } };
      if (err.code === 'ECARD_PASSWORD_WEAK' && err.details?.problem) setProblems({ password: t.card.passwordProblems[err.details.problem] });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell label={t.card.level2Title}>
      <View className='card'>
        <Heading>{t.card.level2Title}</Heading>
        <Text className='muted'>{t.card.level2Intro}</Text>
      </View>
      <View className='card'>
        <Field label={t.card.bankAccount} name='bankAccount' type='number' maxlength={23} value={bankAccount} onInput={setBankAccount} placeholder={t.card.bankAccountPlaceholder} error={problems.bank} />
        <Field label={t.card.newPassword} name='password' type='number' password maxlength={6} value={password} onInput={setPassword} placeholder={t.card.passwordPlaceholder} error={problems.password} />
        <Field label={t.card.confirmPassword} name='confirmPassword' type='number' password maxlength={6} value={confirm} onInput={setConfirm} placeholder={t.card.passwordPlaceholder} error={problems.confirm} />
        <Button className='btn btn-primary' disabled={busy} loading={busy} onClick={submit} ariaLabel={t.card.submitLevel2}>
          {t.card.submitLevel2}
        </Button>
      </View>
      {error ? <ErrorPanel error={error} onRetry={submit} /> : null}
    </PageShell>
  );
}
