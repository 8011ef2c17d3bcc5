import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { NotificationTopicName, SubscriptionState } from '@qdssc/shared';
import { fmt } from '../i18n';
import { requestHostSubscription } from '../platform/subscribe';
import { notificationsService } from '../services/notifications.service';
import { useSession } from '../state/session';
import { useSettings } from '../state/settings';
import './subscribe-button.scss';

interface Props {
  topics: NotificationTopicName[];
  /** Button text; defaults to 有变化时提醒我. */
  label?: string;
  onChange?: (state: SubscriptionState) => void;
}

/**
 * Asks the host to allow messages on `topics` (WeChat / Alipay subscribe dialog, the app's own on
 * H5) and reports the answer to the BFF, which counts one message per accept. The template ids are
 * fetched beforehand, because WeChat opens the dialog only straight from a tap.
 */
export function SubscribeButton({ topics, label, onChange }: Props) {
  const { t } = useSettings();
  const session = useSession();
  const [state, setState] = useState<SubscriptionState | null>(null);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<'accepted' | 'declined' | 'failed' | null>(null);
  const key = topics.join(',');

  useEffect(() => {
    if (!session) return;
    let live = true;
    notificationsService
      .subscriptions()
      .then((s) => live && setState(s))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [session?.token, key]);

  if (!session) return null;
  const mine = state?.topics.filter((x) => topics.includes(x.topic)) ?? [];
  const templateIds = mine.map((x) => x.templateId).filter((x): x is string => Boolean(x));
  const grants = mine.reduce((n, x) => n + x.grants, 0);
  const text = label ?? t.messages.subscribeFor;

  const tap = async () => {
    if (!templateIds.length || busy) return;
    setBusy(true);
    try {
      const results = await requestHostSubscription(templateIds);
      const next = await notificationsService.record({ topics: mine.map((x) => x.topic), results });
      setState(next);
      onChange?.(next);
      setAnswer(Object.values(results).includes('accept') ? 'accepted' : 'declined');
    } catch {
      setAnswer('failed');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='subscribe-button'>
      <Button className='btn btn-secondary' disabled={busy || !templateIds.length} onClick={tap} ariaLabel={`${text}：${mine.map((x) => t.messages.topics[x.topic]).join('、')}`}>
        {busy ? t.messages.subscribing : text}
      </Button>
      {answer === 'accepted' ? (
        <View className='subscribe-button__state subscribe-button__state--ok' ariaRole='status'>
          {t.messages.subscribed}
        </View>
      ) : answer === 'declined' || answer === 'failed' ? (
        <View className='subscribe-button__state muted' ariaRole='status'>
          {t.messages.declined}
        </View>
      ) : null}
      {state && grants > 0 ? <Text className='subscribe-button__state muted'>{fmt(t.messages.remaining, { n: grants })}</Text> : null}
    </View>
  );
}
