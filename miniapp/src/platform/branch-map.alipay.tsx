// Alipay's <map> takes the same markers, include-points and show-location as WeChat's.
export * from './branch-map.weapp';
