// Type anchor and test default: Taro picks documents.weapp.ts / documents.alipay.ts / documents.h5.ts by build.
export * from './documents.h5';
