// Type anchor and test default: Taro picks location.weapp.ts / location.alipay.ts / location.h5.ts by build.
export * from './location.h5';
