import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Heading } from '../../components/heading';
import { PageShell } from '../../components/page-shell';
import { useSettings } from '../../state/settings';

export default function ServicesPage() {
  const { t } = useSettings();
  return (
    <PageShell label={t.services.title}>
      <View className='card'>
        <Heading>{t.services.title}</Heading>
        <Text className='muted'>{t.common.hotlineHint}</Text>
      </View>
      <View className='card' ariaLabel={t.services.paymentTitle}>
        <Heading level={2}>{t.services.paymentTitle}</Heading>
        <Button className='btn btn-plain' onClick={() => Taro.navigateTo({ url: '/pages/payments/payables/index' })} ariaLabel={t.payments.payablesTitle}>
          {t.payments.payablesTitle}
        </Button>
        <Button className='btn btn-plain' onClick={() => Taro.navigateTo({ url: '/pages/payments/orders/index' })} ariaLabel={t.payments.myOrders}>
          {t.payments.myOrders}
        </Button>
      </View>
    </PageShell>
  );
}
