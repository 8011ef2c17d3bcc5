export default defineAppConfig({
  pages: [
    'pages/ecard/index',
    'pages/branches/index',
    'pages/services/index',
    'pages/me/index',
    'pages/login/index',
    'pages/qrcode/index',
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '青岛电子社保卡',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6f9',
  },
  tabBar: {
    color: '#4a4f57',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/ecard/index', text: '电子社保卡', iconPath: 'assets/tab/ecard.png', selectedIconPath: 'assets/tab/ecard-active.png' },
      { pagePath: 'pages/branches/index', text: '网点', iconPath: 'assets/tab/branches.png', selectedIconPath: 'assets/tab/branches-active.png' },
      { pagePath: 'pages/services/index', text: '服务', iconPath: 'assets/tab/services.png', selectedIconPath: 'assets/tab/services-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
  permission: {
    'scope.userLocation': { desc: '用于查找离您最近的社保卡合作银行网点' },
  },
  requiredPrivateInfos: ['getLocation'],
  // Rarely used features load on demand, keeping the main package small.
  subPackages: [
    { root: 'package-card', pages: ['real-name/index', 'apply/index', 'level2/index', 'family/index', 'applications/index', 'security/index', 'card/index', 'appointment/index'] },
    { root: 'subpackages/guide', pages: ['index', 'wizard/index'] },
    // Payments: rarely used, so out of the main package.
    { root: 'pages/payments', pages: ['payables/index', 'checkout/index', 'result/index', 'orders/index', 'order/index', 'scan/index', 'pending-charge/index'] },
    // Online business: one form page for every item, my applications and their timelines.
    { root: 'subpackages/business', pages: ['form/index', 'applications/index', 'application/index'] },
    // Messages: the inbox and the per-topic subscription settings.
    { root: 'subpackages/messages', pages: ['inbox/index', 'settings/index'] },
    // Personal records: a list page for six kinds, the contribution chart, proofs and their public check.
    { root: 'subpackages/records', pages: ['list/index', 'contributions/index', 'proof/index', 'verify/index'] },
    // Fees online (HRSS bills, receipts) and medical bill confirmation (就医购药).
    { root: 'subpackages/fees', pages: ['bills/index', 'receipts/index', 'medical/index'] },
  ],
});
