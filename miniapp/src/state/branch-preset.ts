import Taro from '@tarojs/taro';

/**
 * A filter another page asks the 网点 tab to open with (the guide's "find an instant branch").
 * Tab pages cannot take query parameters through switchTab, so it waits here until that tab
 * shows and takes it.
 */
export interface BranchPreset {
  instantOnly?: boolean;
}

const KEY = 'qdssc.branchPreset';

export function presetBranchFilter(p: BranchPreset): void {
  Taro.setStorageSync(KEY, p);
}

export function takeBranchPreset(): BranchPreset | null {
  try {
    const p = Taro.getStorageSync(KEY) as BranchPreset | '';
    if (!p || typeof p !== 'object') return null;
    Taro.removeStorageSync(KEY);
    return p;
  } catch {
    return null;
  }
}
