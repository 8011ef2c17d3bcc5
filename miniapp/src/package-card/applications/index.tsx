import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { errorMessage, type ApplicationView } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../components/error-panel';
import { Heading } from '../../components/heading';
import { PageShell } from '../../components/page-shell';
import { ecardService } from '../../services/ecard.service';
import { useSettings } from '../../state/settings';
import '../../styles/ecard.scss';

/** Applications made by me, for myself and for my children, with why a refused one was refused. */
export default function ApplicationsPage() {
  const { t, settings } = useSettings();
  const [apps, setApps] = useState<ApplicationView[] | null>(null);
  const [error, setError] = useState<ShownError | null>(null);

  const load = async () => {
    setError(null);
    try {
      setApps(await ecardService.applications());
    } catch (e) {
      setError(e as ShownError);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  return (
    <PageShell label={t.card.applicationsTitle}>
      <View className='card'>
        <Heading>{t.card.applicationsTitle}</Heading>
        {apps && apps.length === 0 ? <Text className='muted'>{t.card.applicationsEmpty}</Text> : null}
        {apps?.map((a) => (
          <View key={a.id} className='list-item'>
            <Text className='subtitle'>
              {a.subject.maskedName} · {t.card.appKinds[a.kind]}
            </Text>
            <Text className={a.status === 'signed' ? 'ok-text' : 'muted'} style={{ display: 'block' }}>
              {t.card.appStatuses[a.status]} · {a.createdAt.slice(0, 10)} · {t.me.channel[a.channel]}
            </Text>
            {a.refusalCode ? <Text className='muted'>{errorMessage(a.refusalCode, settings.lang)}</Text> : null}
          </View>
        ))}
      </View>
      {error ? <ErrorPanel error={error} onRetry={load} /> : null}
    </PageShell>
  );
}
