// Type anchor and test default: Taro picks subscribe.weapp.ts / subscribe.alipay.ts / subscribe.h5.ts by build.
export * from './subscribe.h5';
