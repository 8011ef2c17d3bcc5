import type { NearbyBranch } from '@qdssc/shared';

export interface BranchMapProps {
  /** The search point (GCJ-02, as the BFF answered it). */
  origin: { lat: number; lng: number };
  /** True when the origin is the device's own position (not a chosen district). */
  originIsDevice: boolean;
  branches: NearbyBranch[];
  selectedId?: string;
  onSelect(id: string): void;
  label: string;
}
