import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { fmt } from '../i18n';
import { useSettings } from '../state/settings';
import './password-pad.scss';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

/**
 * The 6-digit e-card password pad: our own keys, so no host keyboard (and no keyboard
 * suggestions) sees the digits. Entered digits show as dots; the count is read out. It calls
 * `onComplete` with the 6 digits and empties itself for a new try.
 */
export function PasswordPad(props: { onComplete: (password: string) => void; disabled?: boolean; title?: string }) {
  const { t } = useSettings();
  const [digits, setDigits] = useState('');

  const press = (k: (typeof KEYS)[number]) => {
    if (props.disabled) return;
    if (k === 'clear') return setDigits('');
    if (k === 'back') return setDigits((d) => d.slice(0, -1));
    const next = (digits + k).slice(0, 6);
    setDigits(next);
    if (next.length === 6) {
      setDigits('');
      props.onComplete(next);
    }
  };

  return (
    <View className='pwd-pad' ariaLabel={props.title ?? t.payTerminal.passwordTitle}>
      <Text className='pwd-title'>{props.title ?? t.payTerminal.passwordTitle}</Text>
      <View className='pwd-dots' ariaRole='status' ariaLabel={fmt(t.payTerminal.passwordLabel, { n: digits.length })}>
        {Array.from({ length: 6 }, (_, i) => (
          <View key={i} className={`pwd-dot ${i < digits.length ? 'pwd-dot-on' : ''}`} />
        ))}
      </View>
      <View className='pwd-keys'>
        {KEYS.map((k) => (
          <Button
            key={k}
            className={`pwd-key ${k === 'clear' || k === 'back' ? 'pwd-key-fn' : ''}`}
            disabled={props.disabled}
            onClick={() => press(k)}
            ariaLabel={k === 'clear' ? t.payTerminal.clearDigits : k === 'back' ? t.payTerminal.deleteDigit : fmt(t.payTerminal.digit, { d: k })}
          >
            {k === 'clear' ? t.payTerminal.clearDigits : k === 'back' ? '⌫' : k}
          </Button>
        ))}
      </View>
    </View>
  );
}
