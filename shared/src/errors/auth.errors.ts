import type { ErrorTable } from './error-spec';

/** Login and session errors; vendor codes (WeChat 40029, 45011, 40226 …) map onto these. */
export const authErrors = {
  LOGIN_CODE_INVALID: { status: 400, zh: '登录凭证已失效，请重新打开小程序后再试', en: 'The login code has expired. Please reopen the app and try again.' },
  LOGIN_RATE_LIMITED: { status: 429, zh: '登录太频繁，请一分钟后再试', en: 'Too many logins. Please wait a minute and try again.' },
  LOGIN_RISKY_USER: { status: 403, zh: '该账号存在安全风险，暂时无法登录，请联系微信客服', en: 'This account is flagged as risky and cannot log in now.' },
  LOGIN_CHANNEL_UNAVAILABLE: { status: 503, zh: '该登录方式暂不可用，请稍后再试', en: 'This way of logging in is not available now.' },
  SANDBOX_ONLY: { status: 404, zh: '该功能仅在演示环境中提供', en: 'This is only available in the demo environment.' },
  PERSONA_NOT_FOUND: { status: 404, zh: '没有找到该演示身份', en: 'No such demo persona.' },
} satisfies ErrorTable;
