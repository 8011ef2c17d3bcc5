/**
 * Every user-facing string of the mini-program, in Chinese. `en.ts` mirrors these keys; the
 * type checker refuses an English file that misses one. Error messages live in the shared error
 * table instead, because the BFF answers with them too.
 */
export const zhCN = {
  appName: '青岛电子社保卡',
  tab: { ecard: '电子社保卡', branches: '网点', services: '服务', me: '我的' },
  common: {
    loading: '正在加载…',
    retry: '重试',
    back: '返回',
    confirm: '确定',
    cancel: '取消',
    callHotline: '拨打 12345 热线',
    hotlineHint: '遇到问题可拨打 12345 政务服务便民热线，或到任意合作银行网点咨询',
    findBranch: '查找附近网点',
    errorTitle: '操作未成功',
    requestId: '问题编号',
  },
  login: {
    title: '登录青岛电子社保卡',
    subtitle: '使用本人账号登录后，可申领和使用电子社保卡',
    hostButton: { wechat: '微信一键登录', alipay: '支付宝授权登录', h5: '登录' },
    sandboxTitle: '演示身份（沙箱环境）',
    sandboxHint: '沙箱环境不连接真实系统。请选择一个演示身份登录。',
    loggingIn: '正在登录…',
    agreement: '登录即表示您同意《用户服务协议》和《个人信息保护政策》。我们仅在办理社保卡业务所必需的范围内处理您的个人信息。',
    needLogin: '请先登录',
    goLogin: '去登录',
  },
  ecard: {
    title: '电子社保卡',
    intro: '电子社保卡是社保卡的线上形态，与实体社保卡一一对应、唯一映射、状态相同、功能相通，由全国社保卡服务平台统一签发。',
    lostRule: '如果实体社保卡挂失，电子社保卡也将不能使用。',
    notBound: '您尚未完成实名认证',
  },
  services: {
    title: '服务',
    queriesTitle: '信息查询',
    businessTitle: '业务办理',
    paymentTitle: '缴费支付',
  },
  branches: { title: '社保卡网点' },
  me: {
    title: '我的',
    account: '当前账号',
    channel: { wechat: '微信', alipay: '支付宝', h5: '网页' },
    realName: '实名状态',
    realNameBound: '已实名',
    realNameNotBound: '未实名',
    largeFont: '大字模式',
    largeFontHint: '放大文字和按钮，方便长辈使用',
    language: 'Language / 语言',
    logout: '退出登录',
    loggedOut: '已退出登录',
  },
};

/** The shape every language must fill; values are widened to string. */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zhCN>;
