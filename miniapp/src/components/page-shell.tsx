import { View } from '@tarojs/components';
import { useEffect, type PropsWithChildren } from 'react';
import { syncTabBarLanguage, useSettings } from '../state/settings';

/**
 * Every page's root: applies large-font mode and gives the page a landmark and a label for
 * screen readers (读屏).
 */
export function PageShell({ label, children }: PropsWithChildren<{ label: string }>) {
  const { settings } = useSettings();
  useEffect(() => syncTabBarLanguage(settings.lang), [settings.lang]);
  return (
    <View className={`page${settings.largeFont ? ' large-font' : ''}`} ariaRole='main' ariaLabel={label}>
      {children}
    </View>
  );
}
