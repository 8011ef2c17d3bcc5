// Type anchor and test default: Taro picks scan.weapp.ts / scan.alipay.ts / scan.h5.ts by build.
export * from './scan.h5';
