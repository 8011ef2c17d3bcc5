import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { businessItem, fenToYuanString, isFinalStatus, type ApplicationDetail, type FormField, type FormValue } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../../components/error-panel';
import { Heading } from '../../../components/heading';
import { PageShell } from '../../../components/page-shell';
import { SubscribeButton } from '../../../components/subscribe-button';
import { businessService } from '../../../services/business.service';
import { useSettings } from '../../../state/settings';
import { chinaTime, itemTitle } from '../format';
import '../business.scss';

function shownValue(f: FormField | undefined, v: FormValue, lang: 'zh' | 'en'): string {
  if (f?.type === 'select') return f.options.find((o) => o.value === v)?.label[lang] ?? String(v);
  if (f?.type === 'money' && typeof v === 'number') return `¥${fenToYuanString(v)}`;
  if (f?.type === 'consent') return v === true ? '✔' : '';
  return String(v);
}

/** One application: where it stands, its timeline, the answers (masked) and withdrawal while undecided. */
export default function ApplicationPage() {
  const { t, settings } = useSettings();
  const lang = settings.lang;
  const { params } = useRouter();
  const forWard = params.for || undefined;
  const [app, setApp] = useState<ApplicationDetail | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    setError(null);
    try {
      setApp(await businessService.detail(params.id ?? '', forWard));
    } catch (e) {
      setError(e as ShownError);
    }
  };
  useDidShow(() => {
    void load();
  });

  const withdraw = async () => {
    if (!app) return;
    const { confirm } = await Taro.showModal({ title: t.business.withdraw, content: t.business.withdrawConfirm, confirmText: t.common.confirm, cancelText: t.common.cancel });
    if (!confirm) return;
    setBusy(true);
    setError(null);
    try {
      setApp(await businessService.withdraw(app.id, undefined, forWard));
      await Taro.showToast({ title: t.business.withdrawn, icon: 'none' });
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setBusy(false);
    }
  };

  const item = app ? businessItem(app.itemId) : undefined;
  return (
    <PageShell label={app ? itemTitle(app.itemId, lang) : t.business.myApplications}>
      {app ? (
        <>
          <View className='card'>
            <Heading>{itemTitle(app.itemId, lang)}</Heading>
            <View className='row'>
              <Text>{t.business.applicationNo}</Text>
              <Text className='muted'>{app.applicationNo}</Text>
            </View>
            <View className='row'>
              <Text className={`status-tag status-${app.status}`}>{t.business.status[app.status]}</Text>
              {app.forwarded ? null : <Text className='muted'>{t.business.notForwarded}</Text>}
            </View>
            {app.reason ? (
              <Text style={{ display: 'block' }}>
                {t.business.reason}：{app.reason}
              </Text>
            ) : null}
          </View>

          {isFinalStatus(app.status) ? null : <SubscribeButton topics={['application_status']} />}

          <View className='card' ariaLabel={t.business.timeline}>
            <Heading level={2}>{t.business.timeline}</Heading>
            {app.timeline.map((e, i) => (
              <View key={i} className='timeline-entry'>
                <Text style={{ display: 'block' }}>{t.business.status[e.status]}</Text>
                <Text className='muted'>
                  {chinaTime(e.at)} · {t.business.by[e.by]}
                  {e.note ? ` · ${e.note}` : ''}
                </Text>
              </View>
            ))}
          </View>

          <View className='card'>
            {Object.entries(app.form).map(([name, v]) => {
              const f = item?.fields.find((x) => x.name === name);
              return (
                <View key={name} className='row'>
                  <Text>{f?.label[lang] ?? name}</Text>
                  <Text className='muted'>{shownValue(f, v, lang)}</Text>
                </View>
              );
            })}
            <View className='row'>
              <Text>{t.business.documents}</Text>
              <Text className='muted'>{app.attachments.length}</Text>
            </View>
          </View>

          {app.withdrawable ? (
            <Button className='btn btn-secondary' disabled={busy || undefined} onClick={withdraw} ariaLabel={t.business.withdraw}>
              {t.business.withdraw}
            </Button>
          ) : null}
        </>
      ) : error ? null : (
        <Text className='muted'>{t.common.loading}</Text>
      )}
      {error ? <ErrorPanel error={error} onRetry={load} /> : null}
    </PageShell>
  );
}
