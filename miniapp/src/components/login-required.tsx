import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useSettings } from '../state/settings';
import { PageShell } from './page-shell';

/** What a page that needs an account shows before login: why, and the way to the login page. */
export function LoginRequired({ label }: { label: string }) {
  const { t } = useSettings();
  return (
    <PageShell label={label}>
      <View className='card'>
        <Text className='subtitle'>{t.login.needLogin}</Text>
        <Button className='btn btn-primary' onClick={() => Taro.navigateTo({ url: '/pages/login/index' })} ariaLabel={t.login.goLogin}>
          {t.login.goLogin}
        </Button>
      </View>
    </PageShell>
  );
}
