import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, dateTransformer } from '../../db/columns';

/**
 * A partner-bank outlet that does social security card business. Its natural key is bank + name
 * (what the bureau's table identifies it by; imports upsert on it). Coordinates are GCJ-02.
 * `services` is a comma-separated list of BRANCH_SERVICES; hours are `HH:MM-HH:MM` in
 * Asia/Shanghai time, weekend null = closed, public holidays always closed.
 */
@Entity('branch')
@Index('uq_branch_bank_name', ['bank', 'name'], { unique: true })
export class Branch {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  bank: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Index('ix_branch_district')
  @Column({ name: 'district_code', type: 'varchar', length: 6 })
  districtCode: string;

  @Column({ type: 'varchar', length: 255 })
  address: string;

  @Column({ type: 'varchar', length: 32 })
  phone: string;

  @Column({ type: 'double' })
  lat: number;

  @Column({ type: 'double' })
  lng: number;

  @Column({ type: 'varchar', length: 128 })
  services: string;

  @Column({ name: 'weekday_hours', type: 'varchar', length: 11 })
  weekdayHours: string;

  @Column({ name: 'weekend_hours', type: 'varchar', length: 11, nullable: true })
  weekendHours: string | null;

  /** Generated to fill the published totals; never presented as a real outlet. */
  @Column({ type: 'boolean' })
  synthetic: boolean;

  /** Where the row came from: `seed`, `import:<file name>`. */
  @Column({ type: 'varchar', length: 96 })
  source: string;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt: Date;

  @DateTimeColumn({ name: 'updated_at', transformer: dateTransformer })
  updatedAt: Date;
}
