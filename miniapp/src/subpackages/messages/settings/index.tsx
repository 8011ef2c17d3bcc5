import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { SubscriptionState } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../../components/error-panel';
import { Heading } from '../../../components/heading';
import { PageShell } from '../../../components/page-shell';
import { SubscribeButton } from '../../../components/subscribe-button';
import { fmt } from '../../../i18n';
import { notificationsService } from '../../../services/notifications.service';
import { useSettings } from '../../../state/settings';
import '../messages.scss';

/** Per topic: how many notifications the host still allows, and a button to allow more. */
export default function SubscriptionSettingsPage() {
  const { t } = useSettings();
  const [state, setState] = useState<SubscriptionState | null>(null);
  const [error, setError] = useState<ShownError | null>(null);

  const load = async () => {
    setError(null);
    try {
      setState(await notificationsService.subscriptions());
    } catch (e) {
      setError(e as ShownError);
    }
  };
  useDidShow(() => {
    void load();
  });

  return (
    <PageShell label={t.messages.settingsTitle}>
      <Heading>{t.messages.settingsTitle}</Heading>
      <View className='notice'>{state?.channel === 'h5' ? `${t.messages.settingsHint}${t.messages.h5Hint}` : t.messages.settingsHint}</View>
      {error ? <ErrorPanel error={error} onRetry={load} /> : null}
      {state ? (
        <View className='card'>
          {state.topics.map((x) => (
            <View key={x.topic} className='topic-row' ariaLabel={t.messages.topics[x.topic]}>
              <View className='row'>
                <Text>{t.messages.topics[x.topic]}</Text>
                <Text className='muted'>{x.grants > 0 ? fmt(t.messages.remaining, { n: x.grants }) : t.messages.none}</Text>
              </View>
              <SubscribeButton topics={[x.topic]} label={t.messages.subscribe} onChange={setState} />
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  );
}
