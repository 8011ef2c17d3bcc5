import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { checkIdNumber, checkPersonName, ID_TYPES, PROOF_KINDS, RELATIONSHIPS, type IdType, type ProofKind, type Relationship } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../components/error-panel';
import { Choice, Field } from '../../components/field';
import { Heading } from '../../components/heading';
import { PageShell } from '../../components/page-shell';
import { ecardService, newOperationId } from '../../services/ecard.service';
import { familyService } from '../../services/family.service';
import { useSettings } from '../../state/settings';
import '../../styles/ecard.scss';

function Materials() {
  const { t } = useSettings();
  return (
    <View className='card'>
      <Heading level={2}>{t.card.eligibilityTitle}</Heading>
      <Text>{t.card.eligibility}</Text>
      <Heading level={2}>{t.card.materialsTitle}</Heading>
      <Text style={{ display: 'block' }}>{t.card.materialsAdult}</Text>
      <Text style={{ display: 'block' }}>{t.card.materialsChild}</Text>
    </View>
  );
}

/** 为本人申领: one tap; the operation id is kept for this attempt so a retry cannot apply twice. */
function ApplySelf() {
  const { t } = useSettings();
  const [operationId] = useState(newOperationId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      await ecardService.apply(operationId);
      await Taro.showToast({ title: t.card.applied, icon: 'success' });
      await Taro.switchTab({ url: '/pages/ecard/index' });
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      <View className='card'>
        <Heading>{t.card.applyTitle}</Heading>
        <Button className='btn btn-primary' disabled={busy} loading={busy} onClick={apply} ariaLabel={t.card.applySelf}>
          {busy ? t.card.applying : t.card.applySelf}
        </Button>
        <Button className='btn btn-plain' onClick={() => Taro.redirectTo({ url: '/package-card/apply/index?for=child' })} ariaLabel={t.card.applyChild}>
          {t.card.applyChild}
        </Button>
      </View>
      {error ? <ErrorPanel error={error} onRetry={apply} /> : null}
    </View>
  );
}

/** 亲情服务: a guardian applies for a child under 16 with the child's ID and a photo of the proof. */
function ApplyChild() {
  const { t } = useSettings();
  const [operationId] = useState(newOperationId);
  const [name, setName] = useState('');
  const [idType, setIdType] = useState<IdType>('resident');
  const [idNumber, setIdNumber] = useState('');
  const [relationship, setRelationship] = useState<Relationship>('mother');
  const [proofKind, setProofKind] = useState<ProofKind>('household_register');
  const [proof, setProof] = useState<string | null>(null);
  const [problems, setProblems] = useState<{ name?: string; idNumber?: string; proof?: string }>({});
  const [busy, setBusy] = useState<'upload' | 'submit' | null>(null);
  const [error, setError] = useState<ShownError | null>(null);

  const choose = async () => {
    setError(null);
    try {
      const picked = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      const path = picked.tempFilePaths[0];
      if (!path) return;
      setBusy('upload');
      const up = await familyService.uploadProof(path);
      setProof(up.uploadId);
      setProblems((p) => ({ ...p, proof: undefined }));
    } catch (e) {
      if ((e as { errMsg?: string }).errMsg?.includes('cancel')) return;
      setError(e as ShownError);
    } finally {
      setBusy(null);
    }
  };

  const submit = async () => {
    const n = checkPersonName(name);
    const id = checkIdNumber(idNumber, idType);
    const p = { name: n.ok ? undefined : t.card.nameProblem, idNumber: id.ok ? undefined : t.card.idProblems[id.problem], proof: proof ? undefined : t.card.proofRequired };
    setProblems(p);
    if (p.name || p.idNumber || p.proof) return;
    setBusy('submit');
    setError(null);
    try {
      await familyService.add({ operationId, name, idType, idNumber, relationship, proofKind, proofUploadId: proof! });
      await Taro.showToast({ title: t.card.applied, icon: 'success' });
      await Taro.redirectTo({ url: '/package-card/family/index' });
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setBusy(null);
    }
  };

  return (
    <View>
      <View className='card'>
        <Heading>{t.card.childTitle}</Heading>
        <Text className='muted'>{t.card.childIntro}</Text>
      </View>
      <View className='card'>
        <Field label={t.card.childName} name='childName' value={name} onInput={setName} placeholder={t.card.namePlaceholder} error={problems.name} />
        <Choice label={t.card.idType} value={idType} onChange={setIdType} options={ID_TYPES.map((k) => ({ key: k, label: t.card.idTypes[k] }))} />
        <Field label={t.card.idNumber} name='childIdNumber' type='idcard' maxlength={24} value={idNumber} onInput={setIdNumber} placeholder={t.card.idNumberPlaceholder} error={problems.idNumber} />
        <Choice label={t.card.relationship} value={relationship} onChange={setRelationship} options={RELATIONSHIPS.map((k) => ({ key: k, label: t.card.relationships[k] }))} />
        <Choice label={t.card.proofKind} value={proofKind} onChange={setProofKind} options={PROOF_KINDS.map((k) => ({ key: k, label: t.card.proofKinds[k] }))} />
        <Button className='btn btn-secondary' disabled={busy !== null} loading={busy === 'upload'} onClick={choose} ariaLabel={proof ? t.card.proofUploaded : t.card.uploadProof}>
          {busy === 'upload' ? t.card.uploading : proof ? `✓ ${t.card.proofUploaded}` : t.card.uploadProof}
        </Button>
        {problems.proof ? (
          <View className='field-error' ariaRole='alert'>
            {problems.proof}
          </View>
        ) : null}
        <Button className='btn btn-primary' disabled={busy !== null} loading={busy === 'submit'} onClick={submit} ariaLabel={t.card.submitChild}>
          {busy === 'submit' ? t.card.applying : t.card.submitChild}
        </Button>
      </View>
      {error ? <ErrorPanel error={error} /> : null}
    </View>
  );
}

export default function ApplyPage() {
  const { t } = useSettings();
  const { params } = useRouter();
  const child = params.for === 'child';
  return (
    <PageShell label={child ? t.card.childTitle : t.card.applyTitle}>
      {child ? <ApplyChild /> : <ApplySelf />}
      <Materials />
    </PageShell>
  );
}
