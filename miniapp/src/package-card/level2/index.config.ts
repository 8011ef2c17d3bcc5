export default definePageConfig({ navigationBarTitleText: '开通支付功能' });
