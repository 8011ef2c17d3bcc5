import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, dateTransformer } from '../../db/columns';

/**
 * One account per host identity (WeChat openid, Alipay user_id, H5 identity subject). Accounts
 * of the same person on several hosts point at the same resident once real-name bound.
 */
@Entity('app_user')
@Index('uq_app_user_channel', ['channel', 'channelUserId'], { unique: true })
export class AppUser {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  channel: 'wechat' | 'alipay' | 'h5';

  @Column({ name: 'channel_user_id', type: 'varchar', length: 128 })
  channelUserId: string;

  @Index('ix_app_user_resident')
  @Column({ name: 'resident_id', type: 'varchar', length: 36, nullable: true })
  residentId: string | null;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt: Date;

  @DateTimeColumn({ name: 'last_login_at', transformer: dateTransformer })
  lastLoginAt: Date;
}
