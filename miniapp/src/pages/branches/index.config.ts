export default definePageConfig({ navigationBarTitleText: '网点' });
