import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { addMonths, isMonth, monthInChina, type IssuedProof } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../../components/error-panel';
import { Heading } from '../../../components/heading';
import { PageShell } from '../../../components/page-shell';
import { openProofPdf, recordsService } from '../../../services/records.service';
import { useSettings } from '../../../state/settings';
import { DateRange } from '../date-range';
import { chinaTime } from '../record-format';
import { WardSwitch } from '../../../components/ward-switch';
import '../records.scss';

/** The twelve months up to last month: this month is often not booked yet. */
function defaultPeriod(now = Date.now()) {
  const to = addMonths(monthInChina(now), -1);
  return { from: addMonths(to, -11), to };
}

/**
 * Proof of contributions (参保证明): choose the months, have the BFF issue the signed PDF, open
 * it in the host's viewer, and read out the verification code whoever receives it can check.
 */
export default function ProofPage() {
  const { t } = useSettings();
  const p = t.records.proof;
  const { params } = useRouter();
  const [forWard, setForWard] = useState<string | undefined>(params.for || undefined);
  const [period, setPeriod] = useState(() =>
    isMonth(params.from) && isMonth(params.to) && params.from <= params.to ? { from: params.from, to: params.to } : defaultPeriod(),
  );
  const [proof, setProof] = useState<IssuedProof | null>(null);
  const [busy, setBusy] = useState<'issue' | 'open' | null>(null);
  const [error, setError] = useState<ShownError | null>(null);

  const issue = async () => {
    setBusy('issue');
    setError(null);
    setProof(null);
    try {
      setProof(await recordsService.issueProof(period.from, period.to, forWard));
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setBusy(null);
    }
  };
  const open = async () => {
    if (!proof) return;
    setBusy('open');
    setError(null);
    try {
      await openProofPdf(proof.code);
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setBusy(null);
    }
  };

  return (
    <PageShell label={t.records.proofTitle}>
      <View className='card'>
        <Heading>{t.records.proofTitle}</Heading>
        <Text className='muted'>{p.intro}</Text>
      </View>
      <WardSwitch value={forWard} onChange={(w) => { setForWard(w); setProof(null); }} />
      <View className='card'>
        <DateRange mode='month' from={period.from} to={period.to} onChange={(from, to) => { if (from && to) setPeriod({ from, to }); setProof(null); }} />
        <Button className='btn btn-primary' disabled={busy !== null} onClick={issue} ariaLabel={p.request}>
          {busy === 'issue' ? p.requesting : p.request}
        </Button>
      </View>
      {error ? <ErrorPanel error={error} onRetry={proof ? open : issue} /> : null}
      {proof ? (
        <View className='card proof-result' ariaRole='status' ariaLabel={p.issued}>
          <Heading level={2}>{p.issued}</Heading>
          <Text className='field-label'>{p.code}</Text>
          <Text className='proof-code' data-testid='proof-code' userSelect>
            {proof.code}
          </Text>
          <Text className='muted'>{p.codeHint}</Text>
          <View className='row'>
            <Text className='record-label'>{p.period}</Text>
            <Text className='record-value'>{proof.from} – {proof.to}</Text>
          </View>
          <View className='row'>
            <Text className='record-label'>{p.monthsPaid}</Text>
            <Text className='record-value'>{proof.monthsPaid}</Text>
          </View>
          <View className='row'>
            <Text className='record-label'>{p.expiresAt}</Text>
            <Text className='record-value'>{chinaTime(proof.expiresAt).slice(0, 10)}</Text>
          </View>
          <Button className='btn btn-secondary' disabled={busy !== null} onClick={open} ariaLabel={p.open}>
            {busy === 'open' ? p.opening : p.open}
          </Button>
        </View>
      ) : null}
      <Button
        className='btn btn-plain'
        onClick={() => Taro.navigateTo({ url: `/subpackages/records/verify/index${proof ? `?code=${proof.code}` : ''}` })}
        ariaLabel={p.verifyLink}
      >
        {p.verifyLink}
      </Button>
    </PageShell>
  );
}
