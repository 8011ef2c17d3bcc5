import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useSettings } from '../state/settings';

export interface ShownError {
  code?: string;
  message: string;
  requestId?: string;
}

/**
 * A refusal or failure, said plainly, and never a dead end: retry when it may help, the 12345
 * hotline, and the nearest branch.
 */
export function ErrorPanel({ error, onRetry }: { error: ShownError; onRetry?: () => void }) {
  const { t } = useSettings();
  return (
    <View className='error-panel' ariaRole='alert'>
      <Text className='subtitle'>{t.common.errorTitle}</Text>
      <Text>{error.message}</Text>
      {error.requestId ? (
        <Text className='muted' style={{ display: 'block', marginTop: '8px' }}>
          {t.common.requestId}: {error.requestId.slice(0, 8)}
        </Text>
      ) : null}
      {onRetry ? (
        <Button className='btn btn-primary' onClick={onRetry} ariaLabel={t.common.retry}>
          {t.common.retry}
        </Button>
      ) : null}
      <Button className='btn btn-secondary' onClick={() => Taro.makePhoneCall({ phoneNumber: '12345' })} ariaLabel={t.common.callHotline}>
        {t.common.callHotline}
      </Button>
      <Button className='btn btn-plain' onClick={() => Taro.switchTab({ url: '/pages/branches/index' })} ariaLabel={t.common.findBranch}>
        {t.common.findBranch}
      </Button>
    </View>
  );
}
