// Type anchor and test default: Taro picks receipt.weapp.ts / receipt.alipay.ts / receipt.h5.ts by build.
export * from './receipt.h5';
