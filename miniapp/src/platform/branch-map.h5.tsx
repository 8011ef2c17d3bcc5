import { Text, View } from '@tarojs/components';
import { formatDistance } from '@qdssc/shared';
import { fill } from '../i18n/fill';
import { useSettings } from '../state/settings';
import type { BranchMapProps } from './branch-map.types';
import './branch-map.h5.scss';

/** Width : height of the plot. */
const ASPECT = 0.75;
const NICE_LENGTHS = [50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000];
const M_PER_DEGREE = 111_195;

/**
 * H5 has no map tiles offline (and the host map component would load a script from the
 * internet), so the browser build draws a plain plot instead: the search point in the middle,
 * each outlet placed by its projected position (north up, true to scale), numbered as in the
 * list, with a scale bar. Never a broken map.
 */
export function BranchMap({ origin, originIsDevice, branches, selectedId, onSelect, label }: BranchMapProps) {
  const { t, settings } = useSettings();
  const cos = Math.cos((origin.lat * Math.PI) / 180);
  const pts = branches.map((b) => ({ b, x: (b.lng - origin.lng) * cos, y: b.lat - origin.lat }));
  const maxX = Math.max(1e-5, ...pts.map((p) => Math.abs(p.x)));
  const maxY = Math.max(1e-5, ...pts.map((p) => Math.abs(p.y)));
  // Plot-widths per degree: the farthest outlet lands 42 % of the way to the edge (its dot stays inside).
  const s = Math.min(0.42 / maxX, (0.42 * ASPECT) / maxY);
  const widthM = M_PER_DEGREE / s;
  const barM = [...NICE_LENGTHS].reverse().find((l) => l <= widthM / 4) ?? NICE_LENGTHS[0];
  const place = (x: number, y: number) => ({ left: `${50 + x * s * 100}%`, top: `${50 - (y * s * 100) / ASPECT}%` });

  return (
    <View className='branch-plot' ariaRole='img' ariaLabel={fill(t.branchFinder.plotLabel, { count: branches.length }) || label}>
      <View className='branch-plot__origin' style={place(0, 0)} ariaLabel={originIsDevice ? t.branchFinder.myLocation : t.branchFinder.currentOrigin}>
        <Text>{t.branchFinder.you}</Text>
      </View>
      {pts.map(({ b, x, y }, i) => (
        <View
          key={b.id}
          className={`branch-plot__dot${b.services.includes('instant_card') ? ' branch-plot__dot--instant' : ''}${b.id === selectedId ? ' branch-plot__dot--selected' : ''}`}
          style={place(x, y)}
          onClick={() => onSelect(b.id)}
          ariaRole='button'
          ariaLabel={`${i + 1}. ${b.name}, ${formatDistance(b.distanceM, settings.lang)}`}
          data-rank={i + 1}
        >
          <Text>{i + 1}</Text>
        </View>
      ))}
      <View className='branch-plot__north'>
        <Text>{settings.lang === 'zh' ? '北 ↑' : 'N ↑'}</Text>
      </View>
      <View className='branch-plot__scale'>
        <View className='branch-plot__bar' style={{ width: `${(barM / widthM) * 100}%` }} />
        <Text className='branch-plot__legend'>
          {formatDistance(barM, settings.lang)} · {t.branchFinder.plotNote}
        </Text>
      </View>
    </View>
  );
}
