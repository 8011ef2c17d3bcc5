import { Button, Switch, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { PageShell } from '../../components/page-shell';
import { fmt } from '../../i18n';
import { authService } from '../../services/auth.service';
import { notificationsService } from '../../services/notifications.service';
import { clearSession, useSession } from '../../state/session';
import { updateSettings, useSettings } from '../../state/settings';

export default function MePage() {
  const { t, settings } = useSettings();
  const session = useSession();
  const [unread, setUnread] = useState<number | null>(null);

  useDidShow(() => {
    if (!session) return setUnread(null);
    notificationsService
      .unreadCount()
      .then((r) => setUnread(r.unread))
      .catch(() => setUnread(null));
  });

  const logout = async () => {
    try {
      await authService.logout();
    } catch {
      // The session ends on this device whatever the server says.
    }
    clearSession();
    await Taro.showToast({ title: t.me.loggedOut, icon: 'none' });
  };

  return (
    <PageShell label={t.me.title}>
      <View className='card'>
        {session ? (
          <>
            <View className='row'>
              <Text>{t.me.account}</Text>
              <Text className='muted'>{t.me.channel[session.user.channel]}</Text>
            </View>
            <View className='row'>
              <Text>{t.me.realName}</Text>
              <Text className='muted'>{session.user.realNameBound ? `${t.me.realNameBound} ${session.user.maskedName ?? ''}` : t.me.realNameNotBound}</Text>
            </View>
            <Button
              className='row btn-plain me-messages'
              onClick={() => Taro.navigateTo({ url: '/subpackages/messages/inbox/index' })}
              ariaLabel={unread ? `${t.messages.entry}，${fmt(t.messages.unreadCount, { n: unread })}` : t.messages.entry}
            >
              <Text>{t.messages.entry}</Text>
              {unread ? <Text className='message-count'>{fmt(t.messages.unreadCount, { n: unread })}</Text> : <Text className='muted'>›</Text>}
            </Button>
          </>
        ) : (
          <Button className='btn btn-primary' onClick={() => Taro.navigateTo({ url: '/pages/login/index' })} ariaLabel={t.login.goLogin}>
            {t.login.goLogin}
          </Button>
        )}
      </View>

      <View className='card'>
        <View className='row'>
          <View>
            <Text style={{ display: 'block' }}>{t.me.largeFont}</Text>
            <Text className='muted'>{t.me.largeFontHint}</Text>
          </View>
          <Switch checked={settings.largeFont} onChange={(e) => updateSettings({ largeFont: e.detail.value })} ariaLabel={t.me.largeFont} color='#c8161d' />
        </View>
        <View className='row'>
          <Text>{t.me.language}</Text>
          <Button
            className='btn btn-plain'
            size='mini'
            onClick={() => updateSettings({ lang: settings.lang === 'zh' ? 'en' : 'zh' })}
            ariaLabel={t.me.language}
          >
            {settings.lang === 'zh' ? 'English' : '中文'}
          </Button>
        </View>
      </View>

      {session?.user.realNameBound ? (
        <View className='card'>
          <Button className='btn btn-plain' onClick={() => Taro.navigateTo({ url: '/package-card/card/index' })} ariaLabel={t.card.lifecycle.entry}>
            {t.card.lifecycle.entry}
          </Button>
          <Button className='btn btn-plain' onClick={() => Taro.navigateTo({ url: '/package-card/appointment/index' })} ariaLabel={t.card.lifecycle.bookInstant}>
            {t.card.lifecycle.bookInstant}
          </Button>
        </View>
      ) : null}

      {session ? (
        <Button className='btn btn-secondary' onClick={logout} ariaLabel={t.me.logout}>
          {t.me.logout}
        </Button>
      ) : null}
    </PageShell>
  );
}
