import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BUSINESS_CATEGORIES, CATEGORY_TITLES, itemsOf } from '@qdssc/shared';
import { Heading } from '../../components/heading';
import { PageShell } from '../../components/page-shell';
import { useSettings } from '../../state/settings';

export default function ServicesPage() {
  const { t, settings } = useSettings();
  const lang = settings.lang;
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
        <Button className='btn btn-plain' onClick={() => Taro.navigateTo({ url: '/pages/payments/scan/index' })} ariaLabel={t.payTerminal.scanTitle}>
          {t.payTerminal.scanTitle}
        </Button>
        <Button className='btn btn-plain' onClick={() => Taro.navigateTo({ url: '/pages/payments/pending-charge/index' })} ariaLabel={t.payTerminal.pendingTitle}>
          {t.payTerminal.pendingTitle}
        </Button>
        <Button className='btn btn-plain' onClick={() => Taro.navigateTo({ url: '/pages/payments/orders/index' })} ariaLabel={t.payments.myOrders}>
          {t.payments.myOrders}
        </Button>
      </View>
      {/* Online business (网上办事): the five kinds and their items; the pages live in a subpackage. */}
      <View className='card'>
        <Heading level={2}>{t.services.businessTitle}</Heading>
        <View className='row' ariaRole='button' ariaLabel={t.business.myApplications} onClick={() => Taro.navigateTo({ url: '/subpackages/business/applications/index' })}>
          <Text>{t.business.myApplications}</Text>
          <Text className='muted'>›</Text>
        </View>
        {BUSINESS_CATEGORIES.map((c) => (
          <View key={c}>
            <Text className='subtitle'>{CATEGORY_TITLES[c][lang]}</Text>
            {itemsOf(c).map((i) => (
              <View key={i.id} className='row' ariaRole='button' ariaLabel={i.title[lang]} onClick={() => Taro.navigateTo({ url: `/subpackages/business/form/index?item=${i.id}` })}>
                <Text>{i.title[lang]}</Text>
                <Text className='muted'>›</Text>
              </View>
            ))}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
