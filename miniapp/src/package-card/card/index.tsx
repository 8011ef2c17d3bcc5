import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { CARD_REFUSAL_ADVICE, errorMessage, type CardOperation, type CardOperationRefusal, type CardView } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../components/error-panel';
import { Heading } from '../../components/heading';
import { PageShell } from '../../components/page-shell';
import { SubscribeButton } from '../../components/subscribe-button';
import { fmt } from '../../i18n';
import { runFaceCheck } from '../../platform/face';
import { cardService } from '../../services/card.service';
import { newOperationId } from '../../services/ecard.service';
import { identityService } from '../../services/identity.service';
import { presetBranchFilter } from '../../state/branch-preset';
import { getMeta } from '../../state/meta';
import { useSettings } from '../../state/settings';
import '../../styles/card.scss';

type OnlineOp = 'activate' | 'report_temporary_loss' | 'release_temporary_loss' | 'cancel';

/** Leads to the 网点 tab filtered to instant card-making branches, and to booking there. */
export function BranchGuidance({ ops }: { ops?: string }) {
  const { t } = useSettings();
  const l = t.card.lifecycle;
  const findBranch = () => {
    presetBranchFilter({ instantOnly: true });
    void Taro.switchTab({ url: '/pages/branches/index' });
  };
  return (
    <View className='card' ariaLabel={l.branchOnlyTitle}>
      <Heading level={2}>{l.branchOnlyTitle}</Heading>
      {ops ? <Text className='muted'>{fmt(l.branchOnlyText, { ops })}</Text> : null}
      <Button className='btn btn-primary' onClick={findBranch} ariaLabel={l.findInstantBranch}>
        {l.findInstantBranch}
      </Button>
      <Button className='btn btn-secondary' onClick={() => Taro.navigateTo({ url: '/package-card/appointment/index' })} ariaLabel={l.bookInstant}>
        {l.bookInstant}
      </Button>
    </View>
  );
}

/** The confirmation sheet: password pad (when one is set) or a face check; activation also asks the card number. */
function ConfirmSheet({ card, op, onDone, onClose }: { card: CardView; op: OnlineOp; onDone: (c: CardView) => void; onClose: () => void }) {
  const { t } = useSettings();
  const l = t.card.lifecycle;
  const [password, setPassword] = useState('');
  const [cardNo, setCardNo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  // One id per sheet: a retry after a network failure repeats the same operation, never a second one.
  const [operationId] = useState(newOperationId);

  const submit = async (how: 'password' | 'face') => {
    setBusy(true);
    setError(null);
    try {
      let credential: { password?: string; faceCheckId?: string } = { password };
      if (how === 'face') {
        const check = await identityService.startFaceCheck({ purpose: 'confirm' });
        await runFaceCheck(check, { sandbox: (await getMeta()).sandbox });
        credential = { faceCheckId: check.faceCheckId };
      }
      const body = { operationId, ...credential };
      const next =
        op === 'activate'
          ? await cardService.activate(card.id, { ...body, cardNo: cardNo.replace(/\s/g, '') })
          : op === 'report_temporary_loss'
            ? await cardService.reportTemporaryLoss(card.id, body)
            : op === 'release_temporary_loss'
              ? await cardService.releaseTemporaryLoss(card.id, body)
              : await cardService.cancel(card.id, body);
      await Taro.showToast({ title: l.done, icon: 'success' });
      onDone(next);
    } catch (e) {
      const err = e as ShownError & { details?: { remainingTries?: number } };
      const tries = err.details?.remainingTries;
      setError({ ...err, message: tries ? `${err.message}，${fmt(t.card.remainingTries, { n: tries })}` : err.message });
    } finally {
      setBusy(false);
    }
  };

  const advice = error?.code && error.code in CARD_REFUSAL_ADVICE ? CARD_REFUSAL_ADVICE[error.code as CardOperationRefusal] : null;
  return (
    <View className='card confirm-sheet' ariaRole='dialog' ariaLabel={l.confirmTitle}>
      <Heading level={2}>{l.actions[op]}</Heading>
      {l.actionHints[op] ? <Text className='muted'>{l.actionHints[op]}</Text> : null}
      {op === 'activate' ? (
        <View className='field'>
          <Text className='field-label'>{l.cardNo}</Text>
          <Input className='field-input' maxlength={20} value={cardNo} onInput={(e) => setCardNo(e.detail.value)} ariaLabel={l.cardNo} />
        </View>
      ) : null}
      <Text className='muted' style={{ display: 'block' }}>{l.confirmHint}</Text>
      <View className='field'>
        <Text className='field-label'>{t.card.password}</Text>
        <Input className='field-input' type='number' password maxlength={6} value={password} placeholder={t.card.passwordPlaceholder} onInput={(e) => setPassword(e.detail.value)} ariaLabel={t.card.password} />
      </View>
      <Button className='btn btn-primary' disabled={busy || password.length !== 6 || (op === 'activate' && !cardNo)} onClick={() => submit('password')} ariaLabel={l.confirmByPassword}>
        {l.confirmByPassword}
      </Button>
      <Button className='btn btn-secondary' disabled={busy || (op === 'activate' && !cardNo)} onClick={() => submit('face')} ariaLabel={l.confirmByFace}>
        {l.confirmByFace}
      </Button>
      <Button className='btn btn-plain' onClick={onClose} ariaLabel={t.common.cancel}>
        {t.common.cancel}
      </Button>
      {error ? <ErrorPanel error={error} operation={`card.${op}`} /> : null}
      {advice === 'branch' ? <BranchGuidance /> : null}
    </View>
  );
}

function ProductionTimeline({ card }: { card: CardView }) {
  const { t } = useSettings();
  const l = t.card.lifecycle;
  return (
    <View className='card' ariaLabel={l.productionTitle}>
      <Heading level={2}>{l.productionTitle}</Heading>
      <View className='timeline'>
        {card.production.stages.map((s) => (
          <View key={s.stage} className={`timeline-item ${s.at ? 'done' : ''}`} ariaLabel={`${l.productionStages[s.stage]} ${s.at ? s.at.slice(0, 10) : ''}`}>
            <Text className='timeline-dot'>{s.at ? '●' : '○'}</Text>
            <Text className='timeline-text'>{l.productionStages[s.stage]}</Text>
            <Text className='muted'>{s.at ? s.at.slice(0, 10) : ''}</Text>
          </View>
        ))}
      </View>
      {card.production.current !== 'collected' && card.production.expectedReadyOn ? <Text className='muted'>{fmt(l.expectedReady, { d: card.production.expectedReadyOn })}</Text> : null}
    </View>
  );
}

/** Card status with only the allowed actions, the confirmation sheet, production progress and history. */
export default function CardPage() {
  const { t, settings } = useSettings();
  const l = t.card.lifecycle;
  const { params } = useRouter();
  const [cards, setCards] = useState<CardView[] | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [op, setOp] = useState<OnlineOp | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setCards(await cardService.list());
    } catch (e) {
      setError(e as ShownError);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const card = cards?.find((c) => c.id === params.id) ?? cards?.[0] ?? null;
  const replace = (next: CardView) => {
    setCards((cs) => (cs ?? []).map((c) => (c.id === next.id ? next : c)));
    setOp(null);
  };
  const opName = (o: CardOperation) => l.actions[o];

  return (
    <PageShell label={l.title}>
      <View className='card'>
        <Heading>{l.title}</Heading>
        <Text className='muted'>{l.intro}</Text>
      </View>
      {error ? <ErrorPanel error={error} onRetry={load} operation='card.list' /> : null}
      {cards && !card ? (
        <View className='card'>
          <Text>{l.noCard}</Text>
        </View>
      ) : null}
      {card ? (
        <View>
          <View className='card card-status' ariaLabel={`${l.statusLabel} ${t.card.physical[card.status]}`}>
            <Text className='subtitle'>
              {card.bank} {card.maskedCardNo}
              {card.relation === 'ward' ? l.wardLabel : ''}
            </Text>
            <View>
              <Text className='badge'>{t.card.physical[card.status]}</Text>
            </View>
            <Text className={card.usable ? 'muted' : 'notice'} style={{ display: 'block', marginTop: '12px' }}>
              {card.usable ? l.ecardUsable : `${l.ecardPaused}：${errorMessage(card.unusableCode ?? 'INTERNAL', settings.lang)}`}
            </Text>
          </View>

          {op ? (
            <ConfirmSheet card={card} op={op} onDone={replace} onClose={() => setOp(null)} />
          ) : (
            <View className='card-actions'>
              {card.actions.map((a) => (
                <Button key={a} className={a === 'cancel' ? 'btn btn-plain' : 'btn btn-primary'} onClick={() => setOp(a as OnlineOp)} ariaLabel={opName(a)}>
                  {opName(a)}
                </Button>
              ))}
            </View>
          )}

          {card.branchActions.length || !card.actions.length ? <BranchGuidance ops={card.branchActions.map(opName).join('、')} /> : null}

          <ProductionTimeline card={card} />
          <SubscribeButton topics={['card_status', 'card_production']} />

          <View className='card' ariaLabel={l.timelineTitle}>
            <Heading level={2}>{l.timelineTitle}</Heading>
            {card.timeline.length === 0 ? <Text className='muted'>{l.timelineEmpty}</Text> : null}
            {card.timeline.map((e) => (
              <View key={`${e.at}-${e.to}`} className='row'>
                <Text>
                  {e.at.slice(0, 16).replace('T', ' ')} · {t.card.physical[e.from]} → {t.card.physical[e.to]}
                </Text>
                <Text className='muted'> （{l.timelineSource[e.source]}）</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}
