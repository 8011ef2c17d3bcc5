import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { checkIdNumber, checkPersonName, errorMessage, ID_TYPES, type IdType } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../components/error-panel';
import { Choice, Field } from '../../components/field';
import { Heading } from '../../components/heading';
import { PageShell } from '../../components/page-shell';
import { runFaceCheck } from '../../platform/face';
import { identityService } from '../../services/identity.service';
import { getMeta } from '../../state/meta';
import { updateSessionUser } from '../../state/session';
import { useSettings } from '../../state/settings';
import '../../styles/ecard.scss';

/**
 * 实名认证: name, document type and number, checked on the phone with the same rules as the BFF
 * (a typo never costs a face check), then the host's face check, then the binding.
 */
export default function RealNamePage() {
  const { t, settings } = useSettings();
  const [name, setName] = useState('');
  const [idType, setIdType] = useState<IdType>('resident');
  const [idNumber, setIdNumber] = useState('');
  const [problems, setProblems] = useState<{ name?: string; idNumber?: string }>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [refusal, setRefusal] = useState<ShownError | null>(null);

  const check = () => {
    const n = checkPersonName(name);
    const id = checkIdNumber(idNumber, idType);
    const p = { name: n.ok ? undefined : t.card.nameProblem, idNumber: id.ok ? undefined : t.card.idProblems[id.problem] };
    setProblems(p);
    return !p.name && !p.idNumber;
  };

  const submit = async () => {
    if (!check()) return;
    setBusy(true);
    setError(null);
    try {
      const started = await identityService.startFaceCheck({ purpose: 'bind', name, idType, idNumber });
      await runFaceCheck(started, { sandbox: (await getMeta()).sandbox });
      const r = await identityService.bind(started.faceCheckId);
      updateSessionUser(r.user);
      if (!r.insuredInQingdao) {
        setRefusal({ code: 'NOT_INSURED_IN_QINGDAO', message: errorMessage('NOT_INSURED_IN_QINGDAO', settings.lang) });
        return;
      }
      await Taro.showToast({ title: t.card.bound, icon: 'success' });
      if (r.hasEcard) await Taro.switchTab({ url: '/pages/ecard/index' });
      else await Taro.redirectTo({ url: '/package-card/apply/index?for=self' });
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setBusy(false);
    }
  };

  if (refusal) {
    return (
      <PageShell label={t.card.notInsuredTitle}>
        <View className='card'>
          <Heading>{t.card.notInsuredTitle}</Heading>
          <Text>{t.card.eligibility}</Text>
        </View>
        <ErrorPanel error={refusal} />
      </PageShell>
    );
  }

  return (
    <PageShell label={t.card.realNameTitle}>
      <View className='card'>
        <Heading>{t.card.realNameTitle}</Heading>
        <Text className='muted'>{t.card.realNameIntro}</Text>
      </View>
      <View className='card'>
        <Field label={t.card.name} name='name' value={name} onInput={setName} placeholder={t.card.namePlaceholder} error={problems.name} />
        <Choice label={t.card.idType} value={idType} onChange={setIdType} options={ID_TYPES.map((k) => ({ key: k, label: t.card.idTypes[k] }))} />
        <Field label={t.card.idNumber} name='idNumber' type='idcard' maxlength={24} value={idNumber} onInput={setIdNumber} placeholder={t.card.idNumberPlaceholder} error={problems.idNumber} />
        <Button className='btn btn-primary' disabled={busy} loading={busy} onClick={submit} ariaLabel={t.card.startFace}>
          {busy ? t.card.faceInProgress : t.card.startFace}
        </Button>
      </View>
      {error ? <ErrorPanel error={error} /> : null}
    </PageShell>
  );
}
