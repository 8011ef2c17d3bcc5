import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, type EcardView } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../components/error-panel';
import { Heading } from '../../components/heading';
import { PageShell } from '../../components/page-shell';
import { fmt } from '../../i18n';
import { runFaceCheck } from '../../platform/face';
import { ecardService } from '../../services/ecard.service';
import { identityService } from '../../services/identity.service';
import { getMeta } from '../../state/meta';
import { useSession } from '../../state/session';
import { useSettings } from '../../state/settings';
import '../../styles/ecard.scss';

function Eligibility() {
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

/** The card face with masked data; a tap opens the reveal panel (password or face check). */
function CardFace({ card, onReload }: { card: EcardView; onReload: () => void }) {
  const { t } = useSettings();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState<{ name: string; idNumber: string } | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);

  const reveal = async (how: 'password' | 'face') => {
    setBusy(true);
    setError(null);
    try {
      let credential: { password?: string; faceCheckId?: string } = { password };
      if (how === 'face') {
        const check = await identityService.startFaceCheck({ purpose: 'confirm' });
        await runFaceCheck(check, { sandbox: (await getMeta()).sandbox });
        credential = { faceCheckId: check.faceCheckId };
      }
      setShown(await ecardService.reveal(card.id, credential));
      setOpen(false);
      setPassword('');
    } catch (e) {
      const err = e as ShownError & { details?: { remainingTries?: number } };
      const tries = err.details?.remainingTries;
      setError({ ...err, message: tries ? `${err.message}，${fmt(t.card.remainingTries, { n: tries })}` : err.message });
    } finally {
      setBusy(false);
    }
  };

  const physical = card.physicalCard;
  return (
    <View>
      <View className='ecard-face' ariaRole='button' ariaLabel={`${t.card.cardTitle} ${shown ? shown.name : card.holder.maskedName}. ${t.card.tapToReveal}`} onClick={() => (shown ? setShown(null) : setOpen(true))}>
        <Text className='ecard-title'>{t.ecard.title}</Text>
        <Text className='ecard-name'>{shown ? shown.name : card.holder.maskedName}</Text>
        <Text className='ecard-id'>{shown ? shown.idNumber : card.holder.maskedIdNumber}</Text>
        <View>
          <Text className='badge'>{t.card.levels[card.signLevel]}</Text>
          <Text className='badge'>{physical ? t.card.physical[physical.status] : t.card.statuses[card.status]}</Text>
        </View>
        <Text className='ecard-meta'>
          {t.card.signDate} {card.signDate} · {t.card.validUntil} {card.validUntil}
        </Text>
        {physical ? (
          <Text className='ecard-meta'>
            {physical.bank} {physical.maskedCardNo}
          </Text>
        ) : null}
        <Text className='ecard-meta'>
          {t.card.channelsLabel}: {card.channels.map((c) => t.me.channel[c]).join('、')}
        </Text>
        <Text className='ecard-meta'>{shown ? t.card.hide : t.card.tapToReveal}</Text>
      </View>
      {open ? (
        <View className='card' ariaLabel={t.card.revealTitle}>
          <Heading level={2}>{t.card.revealTitle}</Heading>
          <Text className='muted'>{t.card.revealHint}</Text>
          {card.passwordSet ? (
            <View>
              <View className='field'>
                <Text className='field-label'>{t.card.password}</Text>
                <Input className='field-input' type='number' password maxlength={6} value={password} placeholder={t.card.passwordPlaceholder} onInput={(e) => setPassword(e.detail.value)} ariaLabel={t.card.password} />
              </View>
              <Button className='btn btn-primary' disabled={busy || password.length !== 6} onClick={() => reveal('password')} ariaLabel={t.card.reveal}>
                {t.card.reveal}
              </Button>
            </View>
          ) : null}
          <Button className='btn btn-secondary' disabled={busy} onClick={() => reveal('face')} ariaLabel={t.card.revealByFace}>
            {t.card.revealByFace}
          </Button>
          <Button className='btn btn-plain' onClick={() => setOpen(false)} ariaLabel={t.common.cancel}>
            {t.common.cancel}
          </Button>
          {error ? <ErrorPanel error={error} onRetry={onReload} /> : null}
        </View>
      ) : null}
    </View>
  );
}

export default function EcardPage() {
  const { t, settings } = useSettings();
  const session = useSession();
  const bound = Boolean(session?.user.realNameBound);
  const [cards, setCards] = useState<EcardView[] | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const shownOnce = useRef(false);

  const load = useCallback(async () => {
    setError(null);
    if (!bound) {
      setCards(null);
      return;
    }
    try {
      setCards(await ecardService.list());
    } catch (e) {
      setError(e as ShownError);
    }
  }, [bound, session?.token]);

  useEffect(() => {
    void load();
  }, [load]);
  useDidShow(() => {
    if (shownOnce.current) void load();
    shownOnce.current = true;
  });

  const own = cards?.find((c) => c.relation === 'self') ?? null;
  const go = (url: string) => Taro.navigateTo({ url });

  return (
    <PageShell label={t.ecard.title}>
      <View className='card'>
        <Heading>{t.ecard.title}</Heading>
        <Text>{t.ecard.intro}</Text>
        <View className='notice' style={{ marginTop: '16px' }}>
          <Text>{t.ecard.lostRule}</Text>
        </View>
      </View>

      {!session ? (
        <View className='card'>
          <Text className='subtitle'>{t.login.needLogin}</Text>
          <Button className='btn btn-primary' onClick={() => go('/pages/login/index')} ariaLabel={t.login.goLogin}>
            {t.login.goLogin}
          </Button>
        </View>
      ) : null}

      {session && !bound ? (
        <View className='card'>
          <Text className='subtitle'>{t.ecard.notBound}</Text>
          <Button className='btn btn-primary' onClick={() => go('/package-card/real-name/index')} ariaLabel={t.card.goRealName}>
            {t.card.goRealName}
          </Button>
        </View>
      ) : null}

      {error ? <ErrorPanel error={error} onRetry={load} /> : null}

      {bound && cards && !own ? (
        <View className='card'>
          <Heading level={2}>{t.card.applyTitle}</Heading>
          <Button className='btn btn-primary' onClick={() => go('/package-card/apply/index?for=self')} ariaLabel={t.card.applySelf}>
            {t.card.applySelf}
          </Button>
        </View>
      ) : null}

      {own ? (
        <View>
          <CardFace card={own} onReload={load} />
          {own.usable ? (
            <Button className='btn btn-primary' onClick={() => go(`/pages/qrcode/index?ecardId=${own.id}`)} ariaLabel={t.card.showQr}>
              {t.card.showQr}
            </Button>
          ) : (
            <View>
              <Heading level={2}>{t.card.unusableTitle}</Heading>
              <ErrorPanel error={{ code: own.unusableCode ?? undefined, message: errorMessage(own.unusableCode ?? 'INTERNAL', settings.lang) }} />
            </View>
          )}
          {own.usable && own.signLevel === 1 ? (
            <Button className='btn btn-secondary' onClick={() => go(`/package-card/level2/index?ecardId=${own.id}`)} ariaLabel={t.card.raiseLevel}>
              {t.card.raiseLevel}
            </Button>
          ) : null}
          {own.passwordSet ? (
            <Button className='btn btn-plain' onClick={() => go(`/package-card/security/index?ecardId=${own.id}`)} ariaLabel={t.cardSecurity.entry}>
              {t.cardSecurity.entry}
            </Button>
          ) : null}
          <Button className='btn btn-plain' onClick={() => go('/package-card/family/index')} ariaLabel={t.card.family}>
            {t.card.family}
          </Button>
          <Button className='btn btn-plain' onClick={() => go('/package-card/applications/index')} ariaLabel={t.card.applications}>
            {t.card.applications}
          </Button>
        </View>
      ) : null}

      {bound && cards ? (
        <Button className='btn btn-secondary' onClick={() => go('/package-card/card/index')} ariaLabel={t.card.lifecycle.entry}>
          {t.card.lifecycle.entry}
        </Button>
      ) : null}

      {!own ? <Eligibility /> : null}
    </PageShell>
  );
}
