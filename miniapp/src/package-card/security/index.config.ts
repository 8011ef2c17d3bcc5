export default definePageConfig({ navigationBarTitleText: '密码与安全' });
