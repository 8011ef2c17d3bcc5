export default definePageConfig({ navigationBarTitleText: '在线缴费' });
