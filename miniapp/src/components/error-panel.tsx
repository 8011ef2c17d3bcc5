import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { HandoffCategory } from '@qdssc/shared';
import { useSettings } from '../state/settings';
import { HotlineHandoff } from './hotline-handoff';

export interface ShownError {
  code?: string;
  message: string;
  requestId?: string;
}

export interface ErrorPanelProps {
  error: ShownError;
  onRetry?: () => void;
  /** The failing operation (`ecard.apply`), sent with a hotline ticket; defaults to the page. */
  operation?: string;
  /** The ticket's topic; defaults to one derived from the operation. */
  category?: HandoffCategory;
}

/**
 * A refusal or failure, said plainly, and never a dead end: retry when it may help, hand it to a
 * person at the 12345 hotline (a ticket carrying what failed, then a one-tap call), and the
 * nearest branch.
 */
export function ErrorPanel({ error, onRetry, operation, category }: ErrorPanelProps) {
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
      <HotlineHandoff error={error} operation={operation} category={category} />
      <Button className='btn btn-secondary' onClick={() => Taro.makePhoneCall({ phoneNumber: '12345' })} ariaLabel={t.common.callHotline}>
        {t.common.callHotline}
      </Button>
      <Button className='btn btn-plain' onClick={() => Taro.switchTab({ url: '/pages/branches/index' })} ariaLabel={t.common.findBranch}>
        {t.common.findBranch}
      </Button>
    </View>
  );
}
