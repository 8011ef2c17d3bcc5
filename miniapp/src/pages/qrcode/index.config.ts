export default definePageConfig({ navigationBarTitleText: '电子社保卡二维码' });
