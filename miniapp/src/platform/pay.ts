// Type anchor and test default: Taro picks pay.weapp.ts / pay.alipay.ts / pay.h5.ts by build.
export * from './pay.h5';
