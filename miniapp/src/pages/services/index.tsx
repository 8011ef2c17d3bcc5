import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BUSINESS_CATEGORIES, CATEGORY_TITLES, itemsOf, RECORD_KINDS } from '@qdssc/shared';
import { Heading } from '../../components/heading';
import { PageShell } from '../../components/page-shell';
import type { Messages } from '../../i18n';
import { useSettings } from '../../state/settings';

/** The seven record queries; contributions open the page with the chart, the others the list page. */
const recordUrl = (kind: string) => (kind === 'contributions' ? '/subpackages/records/contributions/index' : `/subpackages/records/list/index?kind=${kind}`);
const kindKey = (kind: string) => kind.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()) as keyof Messages['records']['kinds'];

export default function ServicesPage() {
  const { t, settings } = useSettings();
  const lang = settings.lang;
  return (
    <PageShell label={t.services.title}>
      <View className='card'>
        <Heading>{t.services.title}</Heading>
        <Text className='muted'>{t.common.hotlineHint}</Text>
      </View>
      {/* Personal records (信息查询): the pages live in the records subpackage. */}
      <View className='card' ariaLabel={t.services.queriesTitle}>
        <Heading level={2}>{t.services.queriesTitle}</Heading>
        {RECORD_KINDS.map((k) => (
          <View key={k} className='row' ariaRole='button' ariaLabel={t.records.kinds[kindKey(k)]} onClick={() => Taro.navigateTo({ url: recordUrl(k) })}>
            <Text>{t.records.kinds[kindKey(k)]}</Text>
            <Text className='muted'>›</Text>
          </View>
        ))}
        <View className='row' ariaRole='button' ariaLabel={t.records.proofTitle} onClick={() => Taro.navigateTo({ url: '/subpackages/records/proof/index' })}>
          <Text>{t.records.proofTitle}</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='row' ariaRole='button' ariaLabel={t.records.verifyTitle} onClick={() => Taro.navigateTo({ url: '/subpackages/records/verify/index' })}>
          <Text>{t.records.verifyTitle}</Text>
          <Text className='muted'>›</Text>
        </View>
      </View>
      <View className='card' ariaLabel={t.services.paymentTitle}>
        <Heading level={2}>{t.services.paymentTitle}</Heading>
        <Button className='btn btn-plain' onClick={() => Taro.navigateTo({ url: '/pages/payments/payables/index' })} ariaLabel={t.payments.payablesTitle}>
          {t.payments.payablesTitle}
        </Button>
        <Button className='btn btn-plain' onClick={() => Taro.navigateTo({ url: '/subpackages/fees/bills/index' })} ariaLabel={t.fees.entryBills}>
          {t.fees.entryBills}
        </Button>
        <Button className='btn btn-plain' onClick={() => Taro.navigateTo({ url: '/subpackages/fees/medical/index' })} ariaLabel={t.fees.entryMedical}>
          {t.fees.entryMedical}
        </Button>
        <Button className='btn btn-plain' onClick={() => Taro.navigateTo({ url: '/subpackages/fees/receipts/index' })} ariaLabel={t.fees.entryReceipts}>
          {t.fees.entryReceipts}
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
