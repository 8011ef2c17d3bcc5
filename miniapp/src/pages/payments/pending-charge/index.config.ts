export default definePageConfig({ navigationBarTitleText: '待确认的扣款' });
