export default definePageConfig({ navigationBarTitleText: '我的申领记录' });
