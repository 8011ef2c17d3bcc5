import Taro from '@tarojs/taro';
import type { LoginChannel } from '@qdssc/shared';

/** Inside WeChat: the host login is wx.login, whose code the BFF exchanges via jscode2session. */
export const HOST_CHANNEL: LoginChannel = 'wechat';

export const HOST_HAS_SILENT_LOGIN = true;

export async function hostLoginCode(): Promise<string> {
  const r = await Taro.login();
  if (!r.code) throw new Error('wx.login returned no code');
  return r.code;
}

