export default defineAppConfig({
  pages: [
    'pages/ecard/index',
    'pages/branches/index',
    'pages/services/index',
    'pages/me/index',
    'pages/login/index',
    'pages/qrcode/index',
  ],
  // Rarely used card pages load on demand, keeping the main package small.
  subPackages: [
    {
      root: 'package-card',
      pages: ['real-name/index', 'apply/index', 'level2/index', 'family/index', 'applications/index'],
    },
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
      { pagePath: 'pages/ecard/index', text: '电子社保卡' },
      { pagePath: 'pages/branches/index', text: '网点' },
      { pagePath: 'pages/services/index', text: '服务' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
  permission: {
    'scope.userLocation': { desc: '用于查找离您最近的社保卡合作银行网点' },
  },
  requiredPrivateInfos: ['getLocation'],
});
