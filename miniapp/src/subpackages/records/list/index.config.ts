export default definePageConfig({ navigationBarTitleText: '信息查询' });
