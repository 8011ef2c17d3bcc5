// Type anchor and test default: Taro picks screen.weapp.ts / screen.alipay.ts / screen.h5.ts by build.
export * from './screen.h5';
