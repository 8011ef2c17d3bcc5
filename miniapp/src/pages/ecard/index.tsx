import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Heading } from '../../components/heading';
import { PageShell } from '../../components/page-shell';
import { useSession } from '../../state/session';
import { useSettings } from '../../state/settings';

export default function EcardPage() {
  const { t } = useSettings();
  const session = useSession();

  return (
    <PageShell label={t.ecard.title}>
      <View className='card'>
        <Heading>{t.ecard.title}</Heading>
        <Text>{t.ecard.intro}</Text>
        <View className='notice' style={{ marginTop: '16px' }}>
          <Text>{t.ecard.lostRule}</Text>
        </View>
      </View>
      {session ? (
        <View className='card'>
          <Text className='muted'>{session.user.realNameBound ? session.user.maskedName : t.ecard.notBound}</Text>
        </View>
      ) : (
        <View className='card'>
          <Text className='subtitle'>{t.login.needLogin}</Text>
          <Button className='btn btn-primary' onClick={() => Taro.navigateTo({ url: '/pages/login/index' })} ariaLabel={t.login.goLogin}>
            {t.login.goLogin}
          </Button>
        </View>
      )}
    </PageShell>
  );
}
