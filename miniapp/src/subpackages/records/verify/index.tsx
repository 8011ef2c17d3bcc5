import { Button, Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { ProofVerification } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../../components/error-panel';
import { Heading } from '../../../components/heading';
import { PageShell } from '../../../components/page-shell';
import { recordsService } from '../../../services/records.service';
import { useSettings } from '../../../state/settings';
import { chinaTime } from '../record-format';
import '../records.scss';

/**
 * Anyone (an employer, a landlord, a school) checks a proof's verification code: no login. The
 * BFF forgives typing slips and refuses forged or altered codes without saying which check failed.
 */
export default function VerifyProofPage() {
  const { t } = useSettings();
  const v = t.records.verify;
  const { params } = useRouter();
  const [code, setCode] = useState(params.code ?? '');
  const [result, setResult] = useState<ProofVerification | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  const check = async () => {
    if (!code.trim()) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await recordsService.verifyProof(code.trim()));
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setBusy(false);
    }
  };

  const row = (label: string, value: string, mono = false) => (
    <View className='row'>
      <Text className='record-label'>{label}</Text>
      <Text className={`record-value${mono ? ' mono' : ''}`}>{value}</Text>
    </View>
  );

  return (
    <PageShell label={t.records.verifyTitle}>
      <View className='card'>
        <Heading>{t.records.verifyTitle}</Heading>
        <Text className='muted'>{v.intro}</Text>
        <View className='field'>
          <Text className='field-label'>{v.codeLabel}</Text>
          <Input className='field-input' value={code} maxlength={40} placeholder={v.placeholder} onInput={(e) => setCode(e.detail.value)} onConfirm={check} ariaLabel={v.codeLabel} />
        </View>
        <Button className='btn btn-primary' disabled={busy || !code.trim()} onClick={check} ariaLabel={v.check}>
          {busy ? v.checking : v.check}
        </Button>
      </View>
      {error ? <ErrorPanel error={error} onRetry={check} /> : null}
      {result ? (
        <View className='card' ariaRole='status' ariaLabel={result.status === 'valid' ? v.valid : v.expired}>
          <Heading level={2}>
            <Text className={result.status === 'valid' ? 'verify-valid' : 'verify-expired'}>{result.status === 'valid' ? `✓ ${v.valid}` : `✕ ${v.expired}`}</Text>
          </Heading>
          {row(v.holder, result.holderMaskedName)}
          {row(v.idNumber, result.holderMaskedIdNumber)}
          {row(t.records.proof.period, `${result.from} – ${result.to}`)}
          {row(t.records.proof.monthsPaid, String(result.monthsPaid))}
          {row(v.issuedAt, chinaTime(result.issuedAt).slice(0, 10))}
          {row(t.records.proof.expiresAt, chinaTime(result.expiresAt).slice(0, 10))}
          {row(v.sm3, result.pdfSm3, true)}
          <Text className='muted'>{v.sm3Hint}</Text>
        </View>
      ) : null}
    </PageShell>
  );
}
