import { Text, View } from '@tarojs/components';
import { Heading } from '../../components/heading';
import { PageShell } from '../../components/page-shell';
import { useSettings } from '../../state/settings';

export default function BranchesPage() {
  const { t } = useSettings();
  return (
    <PageShell label={t.branches.title}>
      <View className='card'>
        <Heading>{t.branches.title}</Heading>
        <Text className='muted'>{t.common.hotlineHint}</Text>
      </View>
    </PageShell>
  );
}
