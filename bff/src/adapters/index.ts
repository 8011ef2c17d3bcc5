import type { Config } from '../config';
import type { Clock } from '../lib/clock';
import { H5IdentityClient } from './h5-identity/h5-identity.client';
import { NationalPlatformClient } from './national-platform/national-platform.client';
import { SandboxControlClient } from './sandbox-control/sandbox-control.client';
import { WechatClient } from './wechat/wechat.client';
import { AlipayClient } from './alipay/alipay.client';

/** Clients of the outside systems. Tests replace one by passing their own. */
export interface Adapters {
  wechat: WechatClient;
  h5Identity: H5IdentityClient;
  national: NationalPlatformClient;
  /** Only when the BFF runs against the sandbox twins. */
  sandbox?: SandboxControlClient;
  alipay: AlipayClient;
}

export function createAdapters(config: Config, clock: Clock): Adapters {
  return {
    wechat: new WechatClient(config.wechat),
    h5Identity: new H5IdentityClient(config.h5Identity),
    national: new NationalPlatformClient(config.national, clock),
    sandbox: config.sandbox.enabled ? new SandboxControlClient(config.sandbox.url) : undefined,
    alipay: new AlipayClient(config.alipay),
  };
}
