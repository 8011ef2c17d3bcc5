import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatFen, type EcardView, type PendingCharge, type QrCode as QrPayload } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../components/error-panel';
import { Heading } from '../../components/heading';
import { PageShell } from '../../components/page-shell';
import { QrCode } from '../../components/qr-code';
import { fmt } from '../../i18n';
import { keepScreenBright } from '../../platform/screen';
import { ecardService } from '../../services/ecard.service';
import { payTerminalService } from '../../services/pay-terminal.service';
import { useSettings } from '../../state/settings';
import '../../styles/ecard.scss';

/**
 * The dynamic QR code of an e-card (own, or a ward's for a guardian). A code lives 60 s; the
 * next one is fetched ~10 s before it expires, with a countdown. While shown, the screen stays
 * on and bright; leaving or hiding the page puts it back.
 */
export default function QrCodePage() {
  const { t } = useSettings();
  const { params } = useRouter();
  const ecardId = params.ecardId ?? '';
  const [card, setCard] = useState<EcardView | null>(null);
  const [code, setCode] = useState<QrPayload | null>(null);
  const [left, setLeft] = useState(0);
  const [error, setError] = useState<ShownError | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  const restore = useRef<(() => Promise<void>) | null>(null);
  const fetchedAt = useRef(0);
  const visible = useRef(false);

  const stop = useCallback(() => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
    void restore.current?.();
    restore.current = null;
  }, []);

  const next = useCallback(async () => {
    try {
      const c = await ecardService.issueQrCode(ecardId);
      fetchedAt.current = Date.now();
      setCode(c);
      setLeft(c.refreshInSeconds);
      setError(null);
    } catch (e) {
      setCode(null);
      setError(e as ShownError);
      stopTicking();
    }
  }, [ecardId]);

  // A cashier's charge above the password-free amount waits for the holder: ask every 3 s while shown.
  const [pending, setPending] = useState<PendingCharge | null>(null);
  const lastPoll = useRef(0);
  const pollPending = () => {
    if (Date.now() - lastPoll.current < 3000) return;
    lastPoll.current = Date.now();
    payTerminalService.pendingCharges().then((list) => setPending(list[0] ?? null), () => undefined);
  };

  // A 1-second tick drives the countdown; at zero the next code is fetched.
  const stopTicking = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  };
  const startTicking = useCallback(() => {
    stopTicking();
    timer.current = setInterval(() => {
      pollPending();
      setLeft((s) => {
        if (s <= 1) {
          void next();
          return 0;
        }
        return s - 1;
      });
    }, 1000);
  }, [next]);

  const start = useCallback(async () => {
    if (visible.current) return;
    visible.current = true;
    restore.current = await keepScreenBright();
    await next();
    startTicking();
  }, [next, startTicking]);

  const leave = useCallback(() => {
    visible.current = false;
    stop();
  }, [stop]);

  useEffect(() => {
    ecardService.get(ecardId).then(setCard, (e) => setError(e as ShownError));
    void start();
    return leave;
  }, [ecardId]);
  useDidShow(() => void start());
  useDidHide(leave);
  useUnload(leave);

  const secondsValid = code ? Math.max(0, Math.round((Date.parse(code.expiresAt) - Date.now()) / 1000)) : 0;
  return (
    <PageShell label={t.card.qrTitle}>
      <View className='card'>
        <Heading>{t.card.qrTitle}</Heading>
        {card ? <Text className='subtitle'>{fmt(t.card.qrFor, { name: card.holder.maskedName })}</Text> : null}
        {code ? (
          <View className='qr-wrap'>
            <QrCode text={code.qrcode} label={fmt(t.card.qrLabel, { s: secondsValid || code.ttlSeconds })} />
            <View className='qr-countdown' ariaRole='timer'>
              {fmt(t.card.qrCountdown, { s: left })}
            </View>
          </View>
        ) : null}
        <Text className='muted'>{t.card.qrHint}</Text>
        <Button className='btn btn-secondary' onClick={() => void next().then(startTicking)} ariaLabel={t.card.qrRefresh}>
          {t.card.qrRefresh}
        </Button>
      </View>
      {pending ? (
        <View className='notice' ariaRole='alert'>
          <Text>{fmt(t.payTerminal.pendingNotice, { amount: formatFen(pending.amountFen) })}</Text>
          <Button className='btn btn-primary' onClick={() => Taro.navigateTo({ url: '/pages/payments/pending-charge/index' })} ariaLabel={t.payTerminal.pendingOpen}>
            {t.payTerminal.pendingOpen}
          </Button>
        </View>
      ) : null}
      {error ? <ErrorPanel error={error} onRetry={() => void next().then(startTicking)} /> : null}
    </PageShell>
  );
}
