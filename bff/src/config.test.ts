import { ConfigError, loadConfig, sandboxCredentials } from './config';

const realEnv = {
  NODE_ENV: 'production',
  DB_URL: 'mysql://essc:pw@db.internal:3306/essc',
  REDIS_URL: 'redis://cache.internal:6379',
  WECHAT_APPID: 'wx0000000000000000',
  WECHAT_SECRET: 'real-secret',
  NATIONAL_GATEWAY_URL: 'https://csb.essc.example.gov.cn/gateway',
  NATIONAL_ACCESS_KEY: 'AK',
  NATIONAL_SECRET_KEY: 'SK',
  NATIONAL_SM4_KEY: 'ab'.repeat(16),
  NATIONAL_CHANNEL_NO: '3702009999',
  H5_IDP_BASE: 'https://idp.example.gov.cn',
  H5_IDP_CLIENT_ID: 'client',
  H5_IDP_CLIENT_SECRET: 'secret',
  PII_ENC_KEY: 'cd'.repeat(32),
  PII_HASH_KEY: 'ef'.repeat(32),
  QR_SIGNING_KEY: 'q'.repeat(40),
  WECHAT_API_BASE: 'https://api.weixin.qq.com',
  HOTLINE_API_BASE: 'https://12345.qingdao.example.gov.cn/api',
  HOTLINE_CHANNEL_NO: '3702009998',
  HOTLINE_SECRET: 'real-hotline-secret',
  WECHATPAY_MCHID: '1900000001',
  WECHATPAY_MERCHANT_SERIAL: 'ABCDEF0123456789',
  WECHATPAY_MERCHANT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nreal\\n-----END PRIVATE KEY-----',
  WECHATPAY_PLATFORM_SERIAL: 'PUB_KEY_ID_0000000001',
  WECHATPAY_PLATFORM_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nreal\\n-----END PUBLIC KEY-----',
  WECHATPAY_APIV3_KEY: 'k'.repeat(32),
  WECHATPAY_NOTIFY_URL: 'https://essc.qingdao.example.gov.cn/notify/wechatpay',
  HRSS_BASE: 'https://hrss-gw.qingdao.example.gov.cn/essc',
  HRSS_CHANNEL_NO: '3702000199',
  HRSS_SECRET: 'h'.repeat(40),
  MEDINS_BASE: 'https://medins-gw.qingdao.example.gov.cn/api',
  MEDINS_CHANNEL_NO: '3702000299',
  MEDINS_SECRET: 'm'.repeat(40),
  PROOF_SM2_PRIVATE_KEY: '6254cdee4ea4481cb3cde81ce14ffcd66f92da74c36913068d8dcbefd8e496c4',
  PROOF_SM2_PUBLIC_KEY: '040ff15530b59aae0e88c08437f776dcfde9b196a865471c72d73a41772c8c2fb12d5c1d9ddca4a77a6931724687d4d409ccf8b91602d8898d546d34624cf5f0c0',
  PROOF_CODE_KEY: 'p'.repeat(40),
  ALIPAY_APP_ID: '2021000000000001',
  ALIPAY_SELLER_ID: '2088000000000001',
  ALIPAY_NOTIFY_URL: 'https://essc.qingdao.example.gov.cn/notify/alipay',
  ALIPAY_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nreal-app-key\\n-----END PRIVATE KEY-----',
  ALIPAY_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nreal-alipay-key\\n-----END PUBLIC KEY-----',
};

function problems(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env as NodeJS.ProcessEnv);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

describe('configuration from the environment', () => {
  it('runs a development BFF on the sandbox with SQLite and no secrets set', () => {
    const c = loadConfig({ SANDBOX: '1' } as NodeJS.ProcessEnv);
    expect(c.db).toEqual({ kind: 'sqlite', path: '.data/essc.sqlite' });
    expect(c.national.gatewayUrl).toBe('http://127.0.0.1:8090/national/gateway');
    expect(c.pii.encKey).toBe(sandboxCredentials().pii.encKey);
  });

  it('accepts a complete production environment', () => {
    expect(problems(realEnv)).toEqual([]);
    expect(loadConfig(realEnv as NodeJS.ProcessEnv).db).toEqual({ kind: 'mysql', url: realEnv.DB_URL });
  });

  it('lists every missing secret at once, naming the variable', () => {
    const p = problems({ NODE_ENV: 'development' });
    expect(p).toEqual(expect.arrayContaining([expect.stringMatching(/^WECHAT_SECRET: required/), expect.stringMatching(/^PII_ENC_KEY: required/), expect.stringMatching(/^NATIONAL_GATEWAY_URL: required/)]));
  });

  it('refuses malformed values with a readable reason', () => {
    expect(problems({ ...realEnv, PORT: 'eighty' })).toEqual([expect.stringMatching(/^PORT: /)]);
    expect(problems({ ...realEnv, PII_ENC_KEY: 'short' })).toEqual(['PII_ENC_KEY: must be 64 hex characters']);
    expect(problems({ ...realEnv, DB_URL: 'postgres://x' })).toEqual(['DB_URL: must start with mysql://']);
  });

  it('refuses to start in production on the sandbox, on local addresses, with demo keys or without Redis', () => {
    expect(problems({ ...realEnv, SANDBOX: '1' })).toContain('SANDBOX: must be off in production');
    expect(problems({ ...realEnv, NATIONAL_GATEWAY_URL: 'http://127.0.0.1:8090/national/gateway' })).toEqual([expect.stringContaining('NATIONAL_GATEWAY_URL: points at a sandbox/local address')]);
    expect(problems({ ...realEnv, H5_IDP_BASE: 'http://idp.example.gov.cn' })).toEqual(['H5_IDP_BASE: must use https in production']);
    expect(problems({ ...realEnv, PII_ENC_KEY: sandboxCredentials().pii.encKey })).toEqual([expect.stringContaining('demo keys must not be used')]);
    expect(problems({ ...realEnv, REDIS_URL: undefined })).toEqual([expect.stringContaining('REDIS_URL: required in production')]);
  });

  it('refuses the HRSS system on a local address, its demo secret, demo proof keys, or a proof key pair that does not match', () => {
    const demo = sandboxCredentials();
    expect(problems({ ...realEnv, HRSS_BASE: 'http://127.0.0.1:8090/hrss' })).toEqual([expect.stringContaining('HRSS_BASE: points at a sandbox/local address')]);
    expect(problems({ ...realEnv, HRSS_SECRET: demo.hrss.secret })).toEqual([expect.stringContaining('HRSS_SECRET: the sandbox demo secret')]);
    expect(problems({ ...realEnv, PROOF_SM2_PRIVATE_KEY: demo.proofs.sm2PrivateKey, PROOF_SM2_PUBLIC_KEY: demo.proofs.sm2PublicKey })).toEqual([expect.stringContaining('demo keys must not be used')]);
    expect(problems({ ...realEnv, PROOF_SM2_PUBLIC_KEY: demo.proofs.sm2PublicKey })).toEqual(['PROOF_SM2_PUBLIC_KEY: does not belong to PROOF_SM2_PRIVATE_KEY']);
  });

  it('reads subscription message templates per topic, uses the twins’ ids only in the sandbox, and names a bad entry', () => {
    expect(loadConfig(realEnv as NodeJS.ProcessEnv).notifications.templates).toEqual({ wechat: {}, alipay: {} });
    const c = loadConfig({ ...realEnv, NOTIFY_WECHAT_TEMPLATES: 'application_status=AbC-123, payment_result=XyZ_9' } as NodeJS.ProcessEnv);
    expect(c.notifications.templates.wechat).toEqual({ application_status: 'AbC-123', payment_result: 'XyZ_9' });
    expect(loadConfig({ SANDBOX: '1' } as NodeJS.ProcessEnv).notifications.templates.alipay.card_status).toBe('sbxAli_card_status_tmpl');
    expect(problems({ ...realEnv, NOTIFY_ALIPAY_TEMPLATES: 'card=123' })).toEqual([expect.stringMatching(/^NOTIFY_ALIPAY_TEMPLATES: "card=123" is not topic=templateId/)]);
  });
});
