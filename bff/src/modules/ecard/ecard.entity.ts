import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EcardStatus, LoginChannel, SignLevel } from '@qdssc/shared';
import { DateTimeColumn, dateTransformer } from '../../db/columns';

/** Channels as a comma list: a handful of fixed words, and no JSON function needed to read them. */
const channelList = {
  to: (v: LoginChannel[] | undefined) => (v ? [...new Set(v)].sort().join(',') : ''),
  from: (v: string | null) => (v ? (v.split(',').filter(Boolean) as LoginChannel[]) : []),
};

/**
 * One e-card per resident, signed by the national platform for this app's channel. Level 2 adds
 * the bank link and the e-card password (scrypt hash only). Changes go through conditional
 * UPDATEs on `status`/`sign_level`/`version`, never read-then-write.
 */
@Entity('ecard')
export class Ecard {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'resident_id', type: 'varchar', length: 36 })
  residentId: string;

  @Column({ name: 'sign_no', type: 'varchar', length: 64 })
  signNo: string;

  @Column({ name: 'sign_level', type: 'integer' })
  signLevel: SignLevel;

  @Column({ name: 'sign_date', type: 'varchar', length: 10 })
  signDate: string;

  @Column({ name: 'valid_until', type: 'varchar', length: 10 })
  validUntil: string;

  @Column({ type: 'varchar', length: 16 })
  status: EcardStatus;

  /** Hosts (wechat, alipay, h5) through which the holder uses this card. */
  @Column({ type: 'varchar', length: 64, transformer: channelList })
  channels: LoginChannel[];

  @Column({ name: 'applied_by_user_id', type: 'varchar', length: 36 })
  appliedByUserId: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Column({ name: 'password_failures', type: 'integer', default: 0 })
  passwordFailures: number;

  @DateTimeColumn({ name: 'password_locked_until', nullable: true, transformer: dateTransformer })
  passwordLockedUntil: Date | null;

  @Column({ name: 'bank_name', type: 'varchar', length: 32, nullable: true })
  bankName: string | null;

  @Column({ name: 'bank_account_masked', type: 'varchar', length: 32, nullable: true })
  bankAccountMasked: string | null;

  @DateTimeColumn({ name: 'bank_linked_at', nullable: true, transformer: dateTransformer })
  bankLinkedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  version: number;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt: Date;

  @DateTimeColumn({ name: 'updated_at', transformer: dateTransformer })
  updatedAt: Date;
}

