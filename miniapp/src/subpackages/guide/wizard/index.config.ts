export default definePageConfig({ navigationBarTitleText: '我能办吗' });
