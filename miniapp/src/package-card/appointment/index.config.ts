export default definePageConfig({ navigationBarTitleText: '临时卡与即时制卡预约' });
