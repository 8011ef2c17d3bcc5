import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { InboxMessage } from '@qdssc/shared';
import { ErrorPanel, type ShownError } from '../../../components/error-panel';
import { Heading } from '../../../components/heading';
import { PageShell } from '../../../components/page-shell';
import { fmt } from '../../../i18n';
import { notificationsService } from '../../../services/notifications.service';
import { useSettings } from '../../../state/settings';
import '../messages.scss';

const PAGE_SIZE = 20;

function when(iso: string, lang: 'zh' | 'en'): string {
  return new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

/** The in-app inbox: every message, subscribed or not; tapping one marks it read and opens its page. */
export default function InboxPage() {
  const { t, settings } = useSettings();
  const [items, setItems] = useState<InboxMessage[]>([]);
  const [total, setTotal] = useState(0);
  const [unread, setUnread] = useState(0);
  const [page, setPage] = useState(1);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  const load = async (p = 1) => {
    setError(null);
    try {
      const r = await notificationsService.inbox({ page: p, pageSize: PAGE_SIZE });
      setItems((prev) => (p === 1 ? r.items : [...prev, ...r.items]));
      setTotal(r.total);
      setUnread(r.unread);
      setPage(p);
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setLoaded(true);
    }
  };
  useDidShow(() => {
    void load(1);
  });

  const open = async (m: InboxMessage) => {
    if (!m.read) {
      try {
        const r = await notificationsService.markRead(m.id);
        setUnread(r.unread);
        setItems((prev) => prev.map((x) => (x.id === m.id ? { ...x, read: true } : x)));
      } catch {
        // Reading the message matters more than the mark.
      }
    }
    if (m.page) await Taro.navigateTo({ url: `/${m.page.replace(/^\//, '')}` });
  };

  const fields = t.messages.fields as Record<string, string>;
  return (
    <PageShell label={t.messages.inboxTitle}>
      <Heading>{t.messages.inboxTitle}</Heading>
      <View className='row'>
        <View className='muted' ariaRole='status'>
          {fmt(t.messages.unreadCount, { n: unread })}
        </View>
        <Button className='btn btn-plain' size='mini' onClick={() => Taro.navigateTo({ url: '/subpackages/messages/settings/index' })} ariaLabel={t.messages.settingsTitle}>
          {t.messages.settingsEntry}
        </Button>
      </View>
      {error ? <ErrorPanel error={error} onRetry={() => load(1)} /> : null}
      {loaded && !items.length && !error ? <View className='card muted'>{t.messages.empty}</View> : null}
      {items.map((m) => {
        const title = t.messages.topics[m.topic];
        return (
          <Button
            key={m.id}
            className={`message${m.read ? '' : ' message--unread'}`}
            onClick={() => open(m)}
            ariaLabel={`${m.read ? '' : `${t.messages.unreadTag}，`}${title}，${Object.entries(m.data).map(([k, v]) => `${fields[k] ?? k}${v}`).join('，')}`}
          >
            <View className='message__head'>
              <Text className='message__title'>{title}</Text>
              {m.read ? null : <Text className='message__badge'>{t.messages.unreadTag}</Text>}
            </View>
            {m.aboutWard ? <Text className='message__line muted'>{t.messages.aboutWard}</Text> : null}
            {Object.entries(m.data).map(([k, v]) => (
              <Text key={k} className='message__line'>
                {fields[k] ?? k}：{v}
              </Text>
            ))}
            <Text className='message__line muted'>{when(m.createdAt, settings.lang)}</Text>
          </Button>
        );
      })}
      {items.length < total ? (
        <Button className='btn btn-plain' onClick={() => load(page + 1)} ariaLabel={t.messages.loadMore}>
          {t.messages.loadMore}
        </Button>
      ) : null}
    </PageShell>
  );
}
