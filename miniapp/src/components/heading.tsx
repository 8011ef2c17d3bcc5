import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';

/** A page or section title that screen readers announce as a heading. */
export function Heading({ level = 1, children }: PropsWithChildren<{ level?: 1 | 2 }>) {
  return (
    <View className={level === 1 ? 'title' : 'subtitle'} ariaRole='heading'>
      {children}
    </View>
  );
}
