// Alipay: Taro's runtime maps setScreenBrightness({value}) and getScreenBrightness().value for us.
export * from './screen.weapp';
