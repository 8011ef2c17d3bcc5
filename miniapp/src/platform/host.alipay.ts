import type { LoginChannel } from '@qdssc/shared';

declare const my: {
  getAuthCode(opts: { scopes: string | string[]; success: (r: { authCode: string }) => void; fail: (e: unknown) => void }): void;
};

/** Inside Alipay: my.getAuthCode (silent `auth_base` scope), exchanged by the BFF via alipay.system.oauth.token. */
export const HOST_CHANNEL: LoginChannel = 'alipay';

export const HOST_HAS_SILENT_LOGIN = true;

export function hostLoginCode(): Promise<string> {
  return new Promise((resolve, reject) => {
    my.getAuthCode({
      scopes: 'auth_base',
      success: (r) => (r.authCode ? resolve(r.authCode) : reject(new Error('my.getAuthCode returned no code'))),
      fail: reject,
    });
  });
}

