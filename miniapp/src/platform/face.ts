// Type anchor and test default: Taro picks face.weapp.ts / face.alipay.ts / face.h5.ts by build.
export * from './face.h5';
