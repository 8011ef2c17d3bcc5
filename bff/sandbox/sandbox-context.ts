import type { FaultBook } from './faults';
import type { Roster } from './roster';

/** What every twin shares: the roster (mutable: twins change card states), faults, credentials, time. */
export interface SandboxContext {
  roster: Roster;
  faults: FaultBook;
  credentials: SandboxCredentialsFile;
  now: () => number;
  /** Where the BFF listens, for callbacks (notify). */
  bffBaseUrl: string;
}

export interface SandboxCredentialsFile {
  wechat: { appid: string; secret: string };
  national: { accessKey: string; secretKey: string; sm4Key: string; channelNo: string };
  h5Identity: { clientId: string; clientSecret: string };
  pii: { encKey: string; hashKey: string };
  qrSigningKey: string;
  hrss?: { channelNo: string; secret: string };
  medicalInsurance?: { channelNo: string; secret: string };
  [other: string]: unknown;
}
