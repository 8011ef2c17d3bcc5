import { Map, View } from '@tarojs/components';
import type { BranchMapProps } from './branch-map.types';

const ORIGIN_MARKER_ID = 100000;
/** Copied into the package by config/index.ts (copy.patterns); a marker icon must be a package file. */
const instantIcon = '/assets/map/marker-instant.png';
const markerIcon = '/assets/map/marker.png';

/**
 * The host's map (WeChat's, also used by the Alipay build): a marker per outlet (red: cards made
 * on the spot), the resident's own position as the host draws it, and the view fitted around the
 * nearest few. Tapping a marker selects the outlet in the list.
 */
export function BranchMap({ origin, originIsDevice, branches, selectedId, onSelect, label }: BranchMapProps) {
  const markers = branches.map((b, i) => ({
    id: i,
    latitude: b.lat,
    longitude: b.lng,
    iconPath: b.services.includes('instant_card') ? instantIcon : markerIcon,
    width: 24,
    height: 32,
    title: b.name,
    ariaLabel: `${i + 1}. ${b.name}`,
    callout: { content: `${i + 1}. ${b.name}`, display: b.id === selectedId ? 'ALWAYS' : 'BYCLICK', padding: 6, borderRadius: 4, fontSize: 12, color: '#1f2329', bgColor: '#ffffff' },
  }));
  if (!originIsDevice) {
    // A chosen district has no blue location dot: mark where the search started.
    markers.push({ id: ORIGIN_MARKER_ID, latitude: origin.lat, longitude: origin.lng, iconPath: markerIcon, width: 16, height: 22, title: '', ariaLabel: '', callout: undefined as never });
  }
  const fit = [origin, ...branches.slice(0, 5)].map((p) => ({ latitude: p.lat, longitude: p.lng }));
  return (
    <View ariaRole='img' ariaLabel={label}>
      <Map
        className='branch-map'
        latitude={origin.lat}
        longitude={origin.lng}
        scale={14}
        markers={markers as never}
        includePoints={fit}
        showLocation={originIsDevice}
        onMarkerTap={(e) => {
          const b = branches[Number((e.detail as { markerId: number }).markerId)];
          if (b) onSelect(b.id);
        }}
        onError={() => undefined}
      />
    </View>
  );
}
