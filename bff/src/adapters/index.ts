import type { Config } from '../config';
import type { Clock } from '../lib/clock';
import { H5IdentityClient } from './h5-identity/h5-identity.client';
import { HotlineClient } from './hotline/hotline.client';
import { HrssClient } from './hrss/hrss.client';
import { NationalPlatformClient } from './national-platform/national-platform.client';
import { SandboxControlClient } from './sandbox-control/sandbox-control.client';
import { WechatClient } from './wechat/wechat.client';
import { WechatPayClient } from './wechat-pay/wechat-pay.client';
import { AlipayClient } from './alipay/alipay.client';
import { MedicalInsuranceClient } from './medical-insurance/medical-insurance.client';

/** Clients of the outside systems. Tests replace one by passing their own. */
export interface Adapters {
  wechat: WechatClient;
  h5Identity: H5IdentityClient;
  national: NationalPlatformClient;
  /** Only when the BFF runs against the sandbox twins. */
  sandbox?: SandboxControlClient;
  hotline: HotlineClient;
  wechatPay: WechatPayClient;
  hrss: HrssClient;
  alipay: AlipayClient;
  medins: MedicalInsuranceClient;
}

export function createAdapters(config: Config, clock: Clock): Adapters {
  return {
    wechat: new WechatClient(config.wechat),
    h5Identity: new H5IdentityClient(config.h5Identity),
    national: new NationalPlatformClient(config.national, clock),
    sandbox: config.sandbox.enabled ? new SandboxControlClient(config.sandbox.url) : undefined,
    hotline: new HotlineClient(config.hotline, clock),
    wechatPay: new WechatPayClient(config.wechatPay, clock),
    hrss: new HrssClient(config.hrss, clock),
    alipay: new AlipayClient(config.alipay),
    medins: new MedicalInsuranceClient(config.medins, clock),
  };
}
