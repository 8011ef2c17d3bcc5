import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import { z } from 'zod';
import { NOTIFICATION_TOPICS, type NotificationTopicName } from '@qdssc/shared';

/**
 * Configuration comes only from the environment and is checked once at start-up: a bad or
 * missing value stops the process with a list of what to fix, instead of failing on the first
 * request that needs it.
 */

const bool = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const hexKey = (bytes: number) =>
  z.string().regex(new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`), `must be ${bytes * 2} hex characters`);

const url = z.string().url('must be a URL such as https://host/path');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** mysql://user:pass@host:3306/db — when absent, an embedded SQLite file is used. */
  DB_URL: z.string().regex(/^mysql:\/\//, 'must start with mysql://').optional(),
  SQLITE_PATH: z.string().default('.data/essc.sqlite'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis://').optional(),
  /** Run migrations at start-up (default on; a deployment may run them as a separate step). */
  DB_MIGRATE_ON_START: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SANDBOX: bool,
  SANDBOX_URL: url.default('http://127.0.0.1:8090'),
  /** Origins allowed to call the API from a browser (the H5 build); comma-separated. */
  H5_ORIGINS: z.string().default('http://localhost:8080,http://127.0.0.1:8080'),
  /** Folder of the H5 build to serve at /, if any. */
  STATIC_DIR: z.string().optional(),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(64 * 1024),
  UPLOAD_LIMIT_BYTES: z.coerce.number().int().positive().default(5 * 1024 * 1024),
  SESSION_TTL_SECONDS: z.coerce.number().int().positive().default(2 * 60 * 60),
  TRUST_PROXY: bool,

  WECHAT_API_BASE: url.optional(),
  WECHAT_APPID: z.string().optional(),
  WECHAT_SECRET: z.string().optional(),

  NATIONAL_GATEWAY_URL: url.optional(),
  NATIONAL_ACCESS_KEY: z.string().optional(),
  NATIONAL_SECRET_KEY: z.string().optional(),
  NATIONAL_SM4_KEY: hexKey(16).optional(),
  NATIONAL_CHANNEL_NO: z.string().regex(/^\d{10}$/, 'must be 10 digits').optional(),
  NATIONAL_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),

  H5_IDP_BASE: url.optional(),
  H5_IDP_CLIENT_ID: z.string().optional(),
  H5_IDP_CLIENT_SECRET: z.string().optional(),

  PII_ENC_KEY: hexKey(32).optional(),
  PII_HASH_KEY: hexKey(32).optional(),
  QR_SIGNING_KEY: z.string().min(32, 'must be at least 32 characters').optional(),

  HOTLINE_API_BASE: url.optional(),
  HOTLINE_CHANNEL_NO: z.string().regex(/^\d{10}$/, 'must be 10 digits').optional(),
  HOTLINE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  HOTLINE_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** How often each BFF process checks for a newer branch import to rebuild its index from. */
  BRANCH_INDEX_REFRESH_SECONDS: z.coerce.number().int().min(1).default(30),
  WECHATPAY_API_BASE: url.optional(),
  WECHATPAY_MCHID: z.string().regex(/^\d{8,12}$/, 'must be the 8–12 digit merchant id').optional(),
  WECHATPAY_APPID: z.string().optional(),
  WECHATPAY_MERCHANT_SERIAL: z.string().regex(/^[0-9A-Fa-f]{8,64}$/, 'must be the hex serial of the merchant API certificate').optional(),
  /** PEM (literal `\n` allowed) or a path to the PEM file. */
  WECHATPAY_MERCHANT_PRIVATE_KEY: z.string().optional(),
  WECHATPAY_PLATFORM_SERIAL: z.string().min(8).max(64).optional(),
  WECHATPAY_PLATFORM_PUBLIC_KEY: z.string().optional(),
  WECHATPAY_APIV3_KEY: z.string().length(32, 'must be the 32-character APIv3 key').optional(),
  WECHATPAY_NOTIFY_URL: url.optional(),
  WECHATPAY_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** Unpaid orders close after this many seconds (sent to WeChat Pay as time_expire). */
  PAYMENT_ORDER_TTL_SECONDS: z.coerce.number().int().min(60).max(7200).default(15 * 60),
  /** China time (HH:mm) at which the daily reconciliation runs for the day before (bills are ready after 10:00). */
  PAYMENT_RECONCILE_AT: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm').default('10:30'),
  /** Qingdao HRSS card & records system: REST JSON, requests and replies signed (DESIGN §3 scheme). */
  HRSS_BASE: url.optional(),
  HRSS_CHANNEL_NO: z.string().regex(/^\d{10}$/, 'must be 10 digits').optional(),
  HRSS_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  HRSS_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** Medical-insurance settlement platform: REST JSON signed like HRSS (HMAC-SM3, replies bound to the request nonce). */
  MEDINS_BASE: url.optional(),
  MEDINS_CHANNEL_NO: z.string().regex(/^\d{10}$/, 'must be 10 digits').optional(),
  MEDINS_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  MEDINS_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** How long a pre-settled medical bill waits for the resident before it is reversed. */
  MEDICAL_CONFIRM_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  /** How long a records answer is reused for the same user (0 = never). */
  RECORDS_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Where uploaded documents and issued proof PDFs are kept (outside the database). */
  UPLOAD_DIR: z.string().default('.data/uploads'),
  /** SM2 key pair that signs proofs of contributions (hex: private 64, public 130 = 04‖x‖y). */
  PROOF_SM2_PRIVATE_KEY: hexKey(32).optional(),
  PROOF_SM2_PUBLIC_KEY: z.string().regex(/^04[0-9a-fA-F]{128}$/, 'must be an uncompressed SM2 point (130 hex, starting 04)').optional(),
  /** Key of the MAC inside proof verification codes. */
  PROOF_CODE_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  PROOF_VALID_DAYS: z.coerce.number().int().min(1).max(365).default(90),
  /** A CJK font for proof PDFs (TTF/TTC/OTF); defaults to the first of the usual Debian fonts found. */
  PROOF_FONT_PATH: z.string().optional(),
  ALIPAY_GATEWAY: url.optional(),
  ALIPAY_APP_ID: z.string().optional(),
  /** The app's RSA private key (PEM, or its base64 body; `\n` escapes allowed). */
  ALIPAY_PRIVATE_KEY: z.string().optional(),
  /** Alipay's RSA public key that signs its answers (PEM or base64 body). */
  ALIPAY_PUBLIC_KEY: z.string().optional(),
  ALIPAY_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** The merchant's PID (2088…): the seller_id every payment notification must name. */
  ALIPAY_SELLER_ID: z.string().regex(/^2088\d{12}$/, 'must be the 16-digit PID starting 2088').optional(),
  ALIPAY_NOTIFY_URL: url.optional(),
  /** E-card account payments (PBOC limits, see shared/src/domain/ecard-pay-limits.ts): password-free up to this per payment. */
  ECARD_PAY_NO_PASSWORD_LIMIT_FEN: z.coerce.number().int().min(0).max(100_000_00).optional(),
  /** E-card account payments: cumulative per resident per China calendar day. */
  ECARD_PAY_DAILY_LIMIT_FEN: z.coerce.number().int().min(1).max(100_000_00).optional(),
  /** A terminal charge waiting for the resident's password (USERPAYING) is reversed after this. */
  TERMINAL_CHARGE_CONFIRM_SECONDS: z.coerce.number().int().min(10).max(600).default(60),
  /** How long an e-card QR code is valid; the page fetches the next one 10 s before. */
  QR_TTL_SECONDS: z.coerce.number().int().min(10).max(300).default(60),
  /** QR codes one e-card may be issued per minute (a page refreshes about once a minute). */
  QR_ISSUE_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** Subscription message templates per topic, `topic=templateId,…` (unset: that host gets no messages of the topic; the inbox still does). */
  NOTIFY_WECHAT_TEMPLATES: z.string().optional(),
  NOTIFY_ALIPAY_TEMPLATES: z.string().optional(),
  /** WeChat `miniprogram_state` of the page a message opens: formal, trial or developer. */
  NOTIFY_WECHAT_STATE: z.enum(['formal', 'trial', 'developer']).default('formal'),
  /** How often each BFF process looks for messages to send, how many it takes at once, and after how many failed attempts it gives up. */
  NOTIFY_DISPATCH_INTERVAL_MS: z.coerce.number().int().min(100).default(2000),
  NOTIFY_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(50),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
});

type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  db: { kind: 'mysql'; url: string } | { kind: 'sqlite'; path: string };
  dbMigrateOnStart: boolean;
  redisUrl?: string;
  logLevel: Env['LOG_LEVEL'];
  sandbox: { enabled: boolean; url: string };
  h5Origins: string[];
  staticDir?: string;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  sessionTtlSeconds: number;
  trustProxy: boolean;
  wechat: { apiBase: string; appid: string; secret: string };
  national: { gatewayUrl: string; accessKey: string; secretKey: string; sm4Key: string; channelNo: string; timeoutMs: number };
  h5Identity: { base: string; clientId: string; clientSecret: string };
  pii: { encKey: string; hashKey: string };
  qrSigningKey: string;
  hotline: { apiBase: string; channelNo: string; secret: string; timeoutMs: number };
  branches: { indexRefreshMs: number };
  wechatPay: {
    apiBase: string;
    mchid: string;
    appid: string;
    merchantSerial: string;
    merchantPrivateKey: string;
    platformSerial: string;
    platformPublicKey: string;
    apiV3Key: string;
    notifyUrl?: string;
    timeoutMs: number;
  };
  payments: { orderTtlSeconds: number; reconcileAt: string; ecardNoPasswordLimitFen?: number; ecardDailyLimitFen?: number; terminalConfirmSeconds: number };
  hrss: { base: string; channelNo: string; secret: string; timeoutMs: number };
  medins: { base: string; channelNo: string; secret: string; timeoutMs: number; confirmTtlSeconds: number };
  records: { cacheTtlSeconds: number };
  uploadDir: string;
  proofs: { sm2PrivateKey: string; sm2PublicKey: string; codeKey: string; validDays: number; fontPath?: string };
  alipay: { gateway: string; appId: string; privateKey: string; alipayPublicKey: string; timeoutMs: number; sellerId: string; notifyUrl?: string };
  qrTtlSeconds: number;
  qrIssuePerMinute: number;
  notifications: {
    templates: { wechat: Partial<Record<NotificationTopicName, string>>; alipay: Partial<Record<NotificationTopicName, string>> };
    wechatState: 'formal' | 'trial' | 'developer';
    dispatchIntervalMs: number;
    batchSize: number;
    maxAttempts: number;
  };
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Configuration error — fix these environment variables:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

interface SandboxCredentials {
  wechat: { appid: string; secret: string };
  national: { accessKey: string; secretKey: string; sm4Key: string; channelNo: string };
  h5Identity: { clientId: string; clientSecret: string };
  pii: { encKey: string; hashKey: string };
  qrSigningKey: string;
  hotline?: { channelNo: string; secret: string };
  wechatPay: {
    mchid: string;
    appid: string;
    merchantSerial: string;
    merchantPrivateKey: string;
    platformSerial: string;
    platformPublicKey: string;
    apiV3Key: string;
  };
  hrss: { channelNo: string; secret: string };
  medicalInsurance: { channelNo: string; secret: string };
  proofs: { sm2PrivateKey: string; sm2PublicKey: string; codeKey: string };
  alipay: { sellerId: string; appId: string; appPrivateKey: string; appPublicKey: string; alipayPrivateKey: string; alipayPublicKey: string };
}

export function sandboxCredentials(): SandboxCredentials {
  // The file sits beside the twins; compiled code runs from dist/src, sources from src.
  for (const p of [join(__dirname, '../sandbox/credentials.json'), join(__dirname, '../../sandbox/credentials.json')]) {
    try {
      return JSON.parse(readFileSync(p, 'utf8')) as SandboxCredentials;
    } catch {
      /* try the next location */
    }
  }
  throw new Error('bff/sandbox/credentials.json not found');
}

/** A key given inline (PEM, possibly with literal `\n`) or as a path to a PEM file. */
function pem(name: string, value: string, problems: string[]): string {
  if (!value) return value;
  const inline = value.replace(/\\n/g, '\n');
  if (inline.startsWith('-----BEGIN')) return inline;
  try {
    return readFileSync(value, 'utf8');
  } catch {
    problems.push(`${name}: neither a PEM key nor a readable file`);
    return '';
  }
}

/** Template ids the twins know (the sandbox's stand-ins for the ones applied for on each platform). */
export const SANDBOX_TEMPLATES: { wechat: Record<NotificationTopicName, string>; alipay: Record<NotificationTopicName, string> } = {
  wechat: Object.fromEntries(NOTIFICATION_TOPICS.map((t) => [t, `sbxWx_${t}_tmpl`])) as Record<NotificationTopicName, string>,
  alipay: Object.fromEntries(NOTIFICATION_TOPICS.map((t) => [t, `sbxAli_${t}_tmpl`])) as Record<NotificationTopicName, string>,
};

/** `topic=templateId,…` → a table; unknown topics and empty ids are reported. */
function templateTable(name: string, value: string | undefined, fallback: Partial<Record<NotificationTopicName, string>>, problems: string[]): Partial<Record<NotificationTopicName, string>> {
  if (value === undefined) return { ...fallback };
  const out: Partial<Record<NotificationTopicName, string>> = {};
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [topic, id] = part.split('=').map((x) => x?.trim());
    if (!(NOTIFICATION_TOPICS as readonly string[]).includes(topic) || !id) problems.push(`${name}: "${part}" is not topic=templateId (topics: ${NOTIFICATION_TOPICS.join(', ')})`);
    else out[topic as NotificationTopicName] = id;
  }
  return out;
}

const LOCAL_HOST = /^https?:\/\/(localhost|127\.|0\.0\.0\.0|\[::1\])/;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const sandbox = e.SANDBOX;
  const creds = sandbox ? sandboxCredentials() : undefined;
  const sb = e.SANDBOX_URL.replace(/\/$/, '');

  const need = (name: keyof Env, value: string | undefined, sandboxValue: string | undefined): string => {
    const v = value ?? sandboxValue;
    if (v === undefined || v === '') {
      problems.push(`${name}: required${sandbox ? '' : ' (or set SANDBOX=1 to use the sandbox twins)'}`);
      return '';
    }
    return v;
  };

  const config: Config = {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    db: e.DB_URL ? { kind: 'mysql', url: e.DB_URL } : { kind: 'sqlite', path: e.SQLITE_PATH },
    dbMigrateOnStart: e.DB_MIGRATE_ON_START,
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    sandbox: { enabled: sandbox, url: sb },
    h5Origins: e.H5_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    staticDir: e.STATIC_DIR,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    uploadLimitBytes: e.UPLOAD_LIMIT_BYTES,
    sessionTtlSeconds: e.SESSION_TTL_SECONDS,
    trustProxy: e.TRUST_PROXY,
    wechat: {
      apiBase: need('WECHAT_API_BASE', e.WECHAT_API_BASE, sandbox ? `${sb}/wechat` : 'https://api.weixin.qq.com'),
      appid: need('WECHAT_APPID', e.WECHAT_APPID, creds?.wechat.appid),
      secret: need('WECHAT_SECRET', e.WECHAT_SECRET, creds?.wechat.secret),
    },
    national: {
      gatewayUrl: need('NATIONAL_GATEWAY_URL', e.NATIONAL_GATEWAY_URL, sandbox ? `${sb}/national/gateway` : undefined),
      accessKey: need('NATIONAL_ACCESS_KEY', e.NATIONAL_ACCESS_KEY, creds?.national.accessKey),
      secretKey: need('NATIONAL_SECRET_KEY', e.NATIONAL_SECRET_KEY, creds?.national.secretKey),
      sm4Key: need('NATIONAL_SM4_KEY', e.NATIONAL_SM4_KEY, creds?.national.sm4Key),
      channelNo: need('NATIONAL_CHANNEL_NO', e.NATIONAL_CHANNEL_NO, creds?.national.channelNo),
      timeoutMs: e.NATIONAL_TIMEOUT_MS,
    },
    h5Identity: {
      base: need('H5_IDP_BASE', e.H5_IDP_BASE, sandbox ? `${sb}/h5-identity` : undefined),
      clientId: need('H5_IDP_CLIENT_ID', e.H5_IDP_CLIENT_ID, creds?.h5Identity.clientId),
      clientSecret: need('H5_IDP_CLIENT_SECRET', e.H5_IDP_CLIENT_SECRET, creds?.h5Identity.clientSecret),
    },
    pii: {
      encKey: need('PII_ENC_KEY', e.PII_ENC_KEY, creds?.pii.encKey),
      hashKey: need('PII_HASH_KEY', e.PII_HASH_KEY, creds?.pii.hashKey),
    },
    qrSigningKey: need('QR_SIGNING_KEY', e.QR_SIGNING_KEY, creds?.qrSigningKey),
    hotline: {
      apiBase: need('HOTLINE_API_BASE', e.HOTLINE_API_BASE, sandbox ? `${sb}/hotline` : undefined),
      channelNo: need('HOTLINE_CHANNEL_NO', e.HOTLINE_CHANNEL_NO, creds?.hotline?.channelNo),
      secret: need('HOTLINE_SECRET', e.HOTLINE_SECRET, creds?.hotline?.secret),
      timeoutMs: e.HOTLINE_TIMEOUT_MS,
    },
    branches: { indexRefreshMs: e.BRANCH_INDEX_REFRESH_SECONDS * 1000 },
    wechatPay: {
      apiBase: need('WECHATPAY_API_BASE', e.WECHATPAY_API_BASE, sandbox ? `${sb}/wechatpay` : 'https://api.mch.weixin.qq.com'),
      mchid: need('WECHATPAY_MCHID', e.WECHATPAY_MCHID, creds?.wechatPay.mchid),
      appid: need('WECHATPAY_APPID', e.WECHATPAY_APPID ?? e.WECHAT_APPID, creds?.wechatPay.appid),
      merchantSerial: need('WECHATPAY_MERCHANT_SERIAL', e.WECHATPAY_MERCHANT_SERIAL, creds?.wechatPay.merchantSerial),
      merchantPrivateKey: pem('WECHATPAY_MERCHANT_PRIVATE_KEY', need('WECHATPAY_MERCHANT_PRIVATE_KEY', e.WECHATPAY_MERCHANT_PRIVATE_KEY, creds?.wechatPay.merchantPrivateKey), problems),
      platformSerial: need('WECHATPAY_PLATFORM_SERIAL', e.WECHATPAY_PLATFORM_SERIAL, creds?.wechatPay.platformSerial),
      platformPublicKey: pem('WECHATPAY_PLATFORM_PUBLIC_KEY', need('WECHATPAY_PLATFORM_PUBLIC_KEY', e.WECHATPAY_PLATFORM_PUBLIC_KEY, creds?.wechatPay.platformPublicKey), problems),
      apiV3Key: need('WECHATPAY_APIV3_KEY', e.WECHATPAY_APIV3_KEY, creds?.wechatPay.apiV3Key),
      notifyUrl: e.WECHATPAY_NOTIFY_URL,
      timeoutMs: e.WECHATPAY_TIMEOUT_MS,
    },
    payments: {
      orderTtlSeconds: e.PAYMENT_ORDER_TTL_SECONDS,
      reconcileAt: e.PAYMENT_RECONCILE_AT,
      ecardNoPasswordLimitFen: e.ECARD_PAY_NO_PASSWORD_LIMIT_FEN,
      ecardDailyLimitFen: e.ECARD_PAY_DAILY_LIMIT_FEN,
      terminalConfirmSeconds: e.TERMINAL_CHARGE_CONFIRM_SECONDS,
    },
    hrss: {
      base: need('HRSS_BASE', e.HRSS_BASE, sandbox ? `${sb}/hrss` : undefined).replace(/\/$/, ''),
      channelNo: need('HRSS_CHANNEL_NO', e.HRSS_CHANNEL_NO, creds?.hrss.channelNo),
      secret: need('HRSS_SECRET', e.HRSS_SECRET, creds?.hrss.secret),
      timeoutMs: e.HRSS_TIMEOUT_MS,
    },
    medins: {
      base: need('MEDINS_BASE', e.MEDINS_BASE, sandbox ? `${sb}/medins` : undefined).replace(/\/$/, ''),
      channelNo: need('MEDINS_CHANNEL_NO', e.MEDINS_CHANNEL_NO, creds?.medicalInsurance.channelNo),
      secret: need('MEDINS_SECRET', e.MEDINS_SECRET, creds?.medicalInsurance.secret),
      timeoutMs: e.MEDINS_TIMEOUT_MS,
      confirmTtlSeconds: e.MEDICAL_CONFIRM_TTL_SECONDS,
    },
    records: { cacheTtlSeconds: e.RECORDS_CACHE_TTL_SECONDS },
    uploadDir: e.UPLOAD_DIR,
    proofs: {
      sm2PrivateKey: need('PROOF_SM2_PRIVATE_KEY', e.PROOF_SM2_PRIVATE_KEY, creds?.proofs.sm2PrivateKey).toLowerCase(),
      sm2PublicKey: need('PROOF_SM2_PUBLIC_KEY', e.PROOF_SM2_PUBLIC_KEY, creds?.proofs.sm2PublicKey).toLowerCase(),
      codeKey: need('PROOF_CODE_KEY', e.PROOF_CODE_KEY, creds?.proofs.codeKey),
      validDays: e.PROOF_VALID_DAYS,
      fontPath: e.PROOF_FONT_PATH,
    },
    alipay: {
      gateway: need('ALIPAY_GATEWAY', e.ALIPAY_GATEWAY, sandbox ? `${sb}/alipay/gateway.do` : 'https://openapi.alipay.com/gateway.do'),
      appId: need('ALIPAY_APP_ID', e.ALIPAY_APP_ID, creds?.alipay.appId),
      privateKey: pem('ALIPAY_PRIVATE_KEY', need('ALIPAY_PRIVATE_KEY', e.ALIPAY_PRIVATE_KEY, creds?.alipay.appPrivateKey), problems),
      alipayPublicKey: pem('ALIPAY_PUBLIC_KEY', need('ALIPAY_PUBLIC_KEY', e.ALIPAY_PUBLIC_KEY, creds?.alipay.alipayPublicKey), problems),
      timeoutMs: e.ALIPAY_TIMEOUT_MS,
      sellerId: need('ALIPAY_SELLER_ID', e.ALIPAY_SELLER_ID, creds?.alipay.sellerId),
      notifyUrl: e.ALIPAY_NOTIFY_URL,
    },
    qrTtlSeconds: e.QR_TTL_SECONDS,
    qrIssuePerMinute: e.QR_ISSUE_PER_MINUTE,
    notifications: {
      templates: {
        wechat: templateTable('NOTIFY_WECHAT_TEMPLATES', e.NOTIFY_WECHAT_TEMPLATES, sandbox ? SANDBOX_TEMPLATES.wechat : {}, problems),
        alipay: templateTable('NOTIFY_ALIPAY_TEMPLATES', e.NOTIFY_ALIPAY_TEMPLATES, sandbox ? SANDBOX_TEMPLATES.alipay : {}, problems),
      },
      wechatState: e.NOTIFY_WECHAT_STATE,
      dispatchIntervalMs: e.NOTIFY_DISPATCH_INTERVAL_MS,
      batchSize: e.NOTIFY_BATCH_SIZE,
      maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
    },
  };

  if (config.proofs.sm2PrivateKey && config.proofs.sm2PublicKey) {
    let derived = '';
    try {
      derived = sm2.getPublicKeyFromPrivateKey(config.proofs.sm2PrivateKey).toLowerCase();
    } catch {
      /* reported below */
    }
    if (derived !== config.proofs.sm2PublicKey) problems.push('PROOF_SM2_PUBLIC_KEY: does not belong to PROOF_SM2_PRIVATE_KEY');
  }

  if (e.NODE_ENV === 'production') {
    if (sandbox) problems.push('SANDBOX: must be off in production');
    const outward: Array<[string, string]> = [
      ['WECHAT_API_BASE', config.wechat.apiBase],
      ['NATIONAL_GATEWAY_URL', config.national.gatewayUrl],
      ['H5_IDP_BASE', config.h5Identity.base],
      ['HOTLINE_API_BASE', config.hotline.apiBase],
      ['WECHATPAY_API_BASE', config.wechatPay.apiBase],
      ['HRSS_BASE', config.hrss.base],
      ['MEDINS_BASE', config.medins.base],
      ['ALIPAY_GATEWAY', config.alipay.gateway],
    ];
    for (const [name, value] of outward) {
      if (LOCAL_HOST.test(value) || value.startsWith(sb)) problems.push(`${name}: points at a sandbox/local address (${value}) in production`);
      else if (!value.startsWith('https://')) problems.push(`${name}: must use https in production`);
    }
    const demo = sandboxCredentials();
    if (config.pii.encKey === demo.pii.encKey || config.pii.hashKey === demo.pii.hashKey) problems.push('PII_ENC_KEY/PII_HASH_KEY: the sandbox demo keys must not be used in production');
    if (config.qrSigningKey === demo.qrSigningKey) problems.push('QR_SIGNING_KEY: the sandbox demo key must not be used in production');
    if (config.hotline.secret === demo.hotline?.secret) problems.push('HOTLINE_SECRET: the sandbox demo secret must not be used in production');
    if (config.wechatPay.merchantPrivateKey === demo.wechatPay.merchantPrivateKey || config.wechatPay.apiV3Key === demo.wechatPay.apiV3Key || config.wechatPay.platformPublicKey === demo.wechatPay.platformPublicKey) {
      problems.push('WECHATPAY_*: the sandbox demo merchant keys must not be used in production');
    }
    if (!config.alipay.notifyUrl?.startsWith('https://')) problems.push('ALIPAY_NOTIFY_URL: required in production (https://your-bff/notify/alipay)');
    if (!config.wechatPay.notifyUrl) problems.push('WECHATPAY_NOTIFY_URL: required in production (https://your-bff/notify/wechatpay)');
    else if (!config.wechatPay.notifyUrl.startsWith('https://')) problems.push('WECHATPAY_NOTIFY_URL: must use https');
    if (config.hrss.secret === demo.hrss.secret) problems.push('HRSS_SECRET: the sandbox demo secret must not be used in production');
    if (config.medins.secret === demo.medicalInsurance.secret) problems.push('MEDINS_SECRET: the sandbox demo secret must not be used in production');
    if (config.proofs.sm2PrivateKey === demo.proofs.sm2PrivateKey || config.proofs.codeKey === demo.proofs.codeKey) problems.push('PROOF_SM2_PRIVATE_KEY/PROOF_CODE_KEY: the sandbox demo keys must not be used in production');
    if (config.alipay.privateKey.replace(/\s/g, '') === pem('ALIPAY_PRIVATE_KEY', demo.alipay.appPrivateKey, []).replace(/\s/g, '')) problems.push('ALIPAY_PRIVATE_KEY: the sandbox demo key must not be used in production');
    if (!config.redisUrl) problems.push('REDIS_URL: required in production (several BFF processes share sessions and single-use marks)');
  }

  if (problems.length) throw new ConfigError(problems);
  return config;
}
