import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, dateTransformer } from '../../db/columns';

/** Numbers from BIGINT columns arrive as strings on some drivers; versions are small integers. */
export const bigintNumber = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? v : Number(v)),
};

/**
 * Every HRSS callback processed, by its eventId: a redelivery finds its row and is answered
 * SUCCESS without being applied again. `outcome` says whether it changed anything (`applied`) or
 * arrived after a newer version of its aggregate (`stale`).
 */
@Entity('hrss_event')
export class HrssEventRecord {
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 64 })
  eventId: string;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ type: 'varchar', length: 128 })
  aggregate: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  version: number;

  @DateTimeColumn({ name: 'occurred_at', transformer: dateTransformer })
  occurredAt: Date;

  @DateTimeColumn({ name: 'received_at', transformer: dateTransformer })
  receivedAt: Date;

  @Column({ type: 'varchar', length: 16 })
  outcome: 'applied' | 'stale';
}

/**
 * Latest version seen per aggregate, for handlers whose own rows have no version column
 * (see `advanceAggregateVersion`).
 */
@Entity('hrss_aggregate_version')
export class HrssAggregateVersion {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  aggregate: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  version: number;

  @DateTimeColumn({ name: 'updated_at', transformer: dateTransformer })
  updatedAt: Date;
}
