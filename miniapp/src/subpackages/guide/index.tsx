import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Heading } from '../../components/heading';
import { PageShell } from '../../components/page-shell';
import { useSettings } from '../../state/settings';

/**
 * 办理指南: who can get a card, what to bring, how long it takes, where to apply for the e-card —
 * as the bureau states it — and the way into the three-question wizard.
 */
export default function GuidePage() {
  const { t } = useSettings();
  const g = t.guide;
  const section = (title: string, ...paragraphs: string[]) => (
    <View className='card'>
      <Heading level={2}>{title}</Heading>
      {paragraphs.map((p) => (
        <Text key={p} style={{ display: 'block', marginBottom: '12px' }}>
          {p}
        </Text>
      ))}
    </View>
  );
  return (
    <PageShell label={g.title}>
      <View className='card'>
        <Heading>{g.title}</Heading>
        <Button className='btn btn-primary' onClick={() => Taro.navigateTo({ url: '/subpackages/guide/wizard/index' })} ariaLabel={g.wizardEntry}>
          {g.wizardEntry}
        </Button>
      </View>
      {section(g.conditionsTitle, g.conditions)}
      {section(g.materialsTitle, g.materialsAdult, g.materialsChild)}
      {section(g.timeTitle, g.timeNormal, g.timeInstant, g.timeWho)}
      {section(g.channelsTitle, g.channels)}
      {section(g.onlineTitle, g.online)}
      <View className='card'>
        <Button className='btn btn-secondary' onClick={() => Taro.switchTab({ url: '/pages/branches/index' })} ariaLabel={g.goBranch}>
          {g.goBranch}
        </Button>
        <Button className='btn btn-plain' onClick={() => Taro.makePhoneCall({ phoneNumber: '12345' })} ariaLabel={t.common.callHotline}>
          {t.common.callHotline}
        </Button>
      </View>
    </PageShell>
  );
}
