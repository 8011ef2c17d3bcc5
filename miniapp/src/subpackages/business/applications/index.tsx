import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { ApplicationSummary } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../../components/error-panel';
import { Heading } from '../../../components/heading';
import { PageShell } from '../../../components/page-shell';
import { businessService } from '../../../services/business.service';
import { useSettings } from '../../../state/settings';
import { chinaTime, itemTitle } from '../format';
import '../business.scss';

/** My applications (or a ward's, `?for=`), newest first, each with its status in words. */
export default function ApplicationsPage() {
  const { t, settings } = useSettings();
  const { params } = useRouter();
  const forWard = params.for || undefined;
  const [items, setItems] = useState<ApplicationSummary[] | null>(null);
  const [error, setError] = useState<ShownError | null>(null);

  const load = async () => {
    setError(null);
    try {
      setItems((await businessService.list({ for: forWard, pageSize: 50 })).items);
    } catch (e) {
      setError(e as ShownError);
    }
  };
  useDidShow(() => {
    void load();
  });

  const open = (a: ApplicationSummary) =>
    Taro.navigateTo({ url: `/subpackages/business/application/index?id=${a.id}${forWard ? `&for=${encodeURIComponent(forWard)}` : ''}` });

  return (
    <PageShell label={t.business.myApplications}>
      <View className='card'>
        <Heading>{t.business.myApplications}</Heading>
        {items === null && !error ? <Text className='muted'>{t.common.loading}</Text> : null}
        {items?.length === 0 ? <Text className='muted'>{t.business.noApplications}</Text> : null}
        {items?.map((a) => {
          const title = itemTitle(a.itemId, settings.lang);
          const status = t.business.status[a.status];
          return (
            <View key={a.id} className='application-row' ariaRole='button' ariaLabel={`${title} ${status}`} onClick={() => open(a)}>
              <View className='row'>
                <Text>{title}</Text>
                <Text className={`status-tag status-${a.status}`}>{status}</Text>
              </View>
              <Text className='muted' style={{ display: 'block' }}>
                {t.business.applicationNo} {a.applicationNo} · {t.business.submittedAt} {chinaTime(a.submittedAt)}
              </Text>
              {a.forwarded ? null : <Text className='muted'>{t.business.notForwarded}</Text>}
            </View>
          );
        })}
      </View>
      {error ? <ErrorPanel error={error} onRetry={load} /> : null}
      <Button className='btn btn-plain' onClick={() => Taro.navigateBack()} ariaLabel={t.common.back}>
        {t.common.back}
      </Button>
    </PageShell>
  );
}
