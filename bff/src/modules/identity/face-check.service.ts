import { randomBytes } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import type { FaceCheck, FaceProvider, IdType, LoginChannel } from '@qdssc/shared';
import type { AlipayClient } from '../../adapters/alipay/alipay.client';
import type { SandboxControlClient } from '../../adapters/sandbox-control/sandbox-control.client';
import type { WechatClient } from '../../adapters/wechat/wechat.client';
import { AppError } from '../../http/app-error';
import type { KvStore } from '../../kv/kv-store';
import type { Clock } from '../../lib/clock';
import type { PiiCipher } from '../../lib/crypto/pii-cipher';
import { enforceRateLimit } from '../../lib/rate-limit';
import { AppUser } from '../auth/app-user.entity';
import type { Session } from '../auth/session.store';

export type FacePurpose = 'bind' | 'confirm';

/** What we remember of a started face check (in the KV store; name and number encrypted). */
interface FaceCheckRecord {
  id: string;
  userId: string;
  purpose: FacePurpose;
  provider: FaceProvider;
  externalId: string;
  openid: string | null;
  certType: string;
  idType: IdType;
  idHash: string;
  nameCipher: string;
  idCipher: string;
  expiresAt: number;
}

export interface PassedFaceCheck {
  id: string;
  purpose: FacePurpose;
  idType: IdType;
  idHash: string;
  name: string;
  idNumber: string;
}

/** 证件类型 as the face SDKs name them. */
const CERT_TYPES: Record<IdType, string> = {
  resident: 'IDENTITY_CARD',
  hk_macao_permit: 'RESIDENCE_PERMIT_HK_MC',
  taiwan_permit: 'RESIDENCE_PERMIT_TAIWAN',
  foreign_permanent: 'FOREIGNER_PERMANENT_RESIDENCE',
};

const TTL_MS = 10 * 60_000;

export interface FaceCheckDeps {
  db: DataSource;
  kv: KvStore;
  pii: PiiCipher;
  clock: Clock;
  wechat: WechatClient;
  alipay: AlipayClient;
  alipayAppId: string;
  /** Present in sandbox deployments: H5 then uses the WeChat twin and completes the device step here. */
  sandbox?: SandboxControlClient;
}

/**
 * Face checks through the host's SDK: WeChat 人脸核身 (getverifyid → wx.requestFacialVerify →
 * queryverifyinfo) or Alipay certify (initialize → my.startAPVerify → query). A result counts
 * only for the account that started it, for the identity it was started with, and once.
 */
export class FaceCheckService {
  private readonly users: Repository<AppUser>;

  constructor(private readonly d: FaceCheckDeps) {
    this.users = d.db.getRepository(AppUser);
  }

  providerFor(channel: LoginChannel): FaceProvider {
    if (channel === 'alipay') return 'alipay';
    if (channel === 'wechat') return 'wechat';
    // A browser has no host face SDK; only the sandbox stands in for one.
    if (this.d.sandbox) return 'wechat';
    throw new AppError('FACE_CHECK_UNAVAILABLE');
  }

  async start(session: Session, who: { idType: IdType; idNumber: string; name: string; idHash: string }, purpose: FacePurpose): Promise<FaceCheck> {
    const provider = this.providerFor(session.channel);
    // Each face check costs money and a resident's patience: a few per hour is plenty.
    await enforceRateLimit(this.d.kv, `face:${session.userId}`, 10, 3600_000);
    const id = randomBytes(16).toString('hex');
    const certType = CERT_TYPES[who.idType];
    const now = this.d.clock.now();
    let externalId: string;
    let openid: string | null = null;
    let certifyUrl: string | undefined;
    if (provider === 'wechat') {
      const user = await this.users.findOneByOrFail({ id: session.userId });
      openid = session.channel === 'wechat' ? user.channelUserId : `${session.channel}:${user.channelUserId}`;
      ({ verifyId: externalId } = await this.d.wechat.getVerifyId({ outSeqNo: id, certType, certName: who.name, certNo: who.idNumber, openid }));
    } else {
      const r = await this.d.alipay.certifyInitialize({
        outerOrderNo: id,
        certType,
        certName: who.name,
        certNo: who.idNumber,
        returnUrl: `alipays://platformapi/startapp?appId=${this.d.alipayAppId}`,
      });
      externalId = r.certifyId;
      certifyUrl = r.certifyUrl;
    }
    const record: FaceCheckRecord = {
      id,
      userId: session.userId,
      purpose,
      provider,
      externalId,
      openid,
      certType,
      idType: who.idType,
      idHash: who.idHash,
      nameCipher: this.d.pii.encrypt(who.name),
      idCipher: this.d.pii.encrypt(who.idNumber),
      expiresAt: now + TTL_MS,
    };
    await this.d.kv.set(`face:${id}`, JSON.stringify(record), TTL_MS);
    return {
      faceCheckId: id,
      provider,
      ...(provider === 'wechat' ? { verifyId: externalId } : { certifyId: externalId, certifyUrl }),
      expiresAt: new Date(record.expiresAt).toISOString(),
    };
  }

  private async load(session: Session, id: string): Promise<FaceCheckRecord> {
    const raw = /^[0-9a-f]{32}$/.test(id) ? await this.d.kv.get(`face:${id}`) : null;
    const rec = raw ? (JSON.parse(raw) as FaceCheckRecord) : null;
    // Someone else's check looks exactly like an expired one.
    if (!rec || rec.userId !== session.userId || rec.expiresAt <= this.d.clock.now()) throw new AppError('FACE_CHECK_NOT_FOUND');
    return rec;
  }

  /** Asks the provider for the real result; throws unless it passed. Does not use it up. */
  async passed(session: Session, id: string, purpose: FacePurpose): Promise<PassedFaceCheck> {
    const rec = await this.load(session, id);
    if (rec.purpose !== purpose) throw new AppError('FACE_CHECK_NOT_FOUND');
    const name = this.d.pii.decrypt(rec.nameCipher);
    const idNumber = this.d.pii.decrypt(rec.idCipher);
    let passed: boolean;
    if (rec.provider === 'wechat') {
      ({ passed } = await this.d.wechat.queryVerifyInfo({ verifyId: rec.externalId, outSeqNo: rec.id, openid: rec.openid!, certType: rec.certType, certName: name, certNo: idNumber }));
    } else {
      ({ passed } = await this.d.alipay.certifyQuery(rec.externalId));
    }
    if (!passed) throw new AppError('FACE_CHECK_NOT_PASSED');
    return { id: rec.id, purpose: rec.purpose, idType: rec.idType, idHash: rec.idHash, name, idNumber };
  }

  /** Uses the result up: true for exactly one caller, however many race. */
  async consume(id: string): Promise<void> {
    if (!(await this.d.kv.setIfAbsent(`face-used:${id}`, '1', TTL_MS))) throw new AppError('FACE_CHECK_USED');
  }

  /** Sandbox only: performs the device step at the twin, as wx.requestFacialVerify would. */
  async completeInSandbox(session: Session, id: string, passed: boolean): Promise<void> {
    if (!this.d.sandbox) throw new AppError('SANDBOX_ONLY');
    const rec = await this.load(session, id);
    await this.d.sandbox.completeFaceCheck(rec.provider, rec.externalId, passed);
  }
}
