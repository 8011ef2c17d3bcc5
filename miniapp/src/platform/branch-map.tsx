// Type anchor and test default: Taro picks branch-map.weapp.tsx / branch-map.alipay.tsx / branch-map.h5.tsx by build.
export * from './branch-map.h5';
