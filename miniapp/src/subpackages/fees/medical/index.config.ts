export default definePageConfig({ navigationBarTitleText: '医疗费用确认' });
