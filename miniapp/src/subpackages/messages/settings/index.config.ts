export default definePageConfig({ navigationBarTitleText: '消息订阅设置' });
