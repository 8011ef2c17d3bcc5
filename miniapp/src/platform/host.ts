// Type anchor and test default: Taro picks host.weapp.ts / host.alipay.ts / host.h5.ts by build.
export * from './host.h5';
