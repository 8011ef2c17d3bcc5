import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/** Runs of equal modules per row: [dark?, length][] — far fewer nodes than one per module. */
export function qrRows(text: string): { size: number; rows: Array<Array<[boolean, number]>> } {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  const rows: Array<Array<[boolean, number]>> = [];
  for (let r = 0; r < n; r++) {
    const runs: Array<[boolean, number]> = [];
    for (let c = 0; c < n; c++) {
      const dark = qr.isDark(r, c);
      const last = runs[runs.length - 1];
      if (last && last[0] === dark) last[1] += 1;
      else runs.push([dark, 1]);
    }
    rows.push(runs);
  }
  return { size: n, rows };
}

const px = (n: number) => (typeof Taro.pxTransform === 'function' ? Taro.pxTransform(n) : `${n}px`);

/**
 * A QR code drawn with Views (rows of dark and light runs) on the device: the same on WeChat,
 * Alipay and H5, no canvas, and testable. `label` is read out by screen readers.
 */
export function QrCode({ text, label, width = 480 }: { text: string; label: string; width?: number }) {
  const { size, rows } = useMemo(() => qrRows(text), [text]);
  const quiet = 4;
  const cell = Math.floor(width / (size + quiet * 2));
  return (
    <View className='qr' ariaRole='img' ariaLabel={label} data-qr={text} style={{ padding: px(cell * quiet), background: '#fff', display: 'inline-block' }}>
      {rows.map((runs, r) => (
        <View key={r} style={{ display: 'flex', height: px(cell) }}>
          {runs.map(([dark, len], i) => (
            <View key={i} style={{ width: px(cell * len), height: px(cell), background: dark ? '#000' : '#fff' }} />
          ))}
        </View>
      ))}
    </View>
  );
}
