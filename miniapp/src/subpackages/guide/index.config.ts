export default definePageConfig({ navigationBarTitleText: '办理指南' });
