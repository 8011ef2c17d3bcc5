import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CardProductionStage, PhysicalCardStatus } from '@qdssc/shared';
import { DateTimeColumn, dateTransformer, jsonText } from '../../db/columns';

/**
 * The physical card behind a resident's e-card, as last reported (today: the national
 * platform's physical-card status at application time; issue 4 makes the HRSS card system its
 * source). `status_version` lets a status change be a conditional UPDATE.
 */
@Entity('physical_card')
export class PhysicalCard {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'resident_id', type: 'varchar', length: 36 })
  residentId: string;

  @Column({ name: 'card_no_cipher', type: 'varchar', length: 255 })
  cardNoCipher: string;

  @Column({ name: 'card_no_masked', type: 'varchar', length: 32 })
  cardNoMasked: string;

  @Column({ type: 'varchar', length: 32 })
  bank: string;

  @Column({ type: 'varchar', length: 24 })
  status: PhysicalCardStatus;

  @Column({ name: 'status_version', type: 'integer', default: 0 })
  statusVersion: number;

  @Column({ name: 'issued_on', type: 'varchar', length: 10, nullable: true })
  issuedOn: string | null;

  /** The card's reference in HRSS callbacks (issue 4: HRSS is the source of the card's state). */
  @Column({ name: 'hrss_ref', type: 'varchar', length: 40, nullable: true })
  hrssRef: string | null;

  @Column({ name: 'production_stage', type: 'varchar', length: 24, nullable: true })
  productionStage: CardProductionStage | null;

  @Column({ name: 'production_json', type: 'text', nullable: true, transformer: jsonText })
  production: Array<{ stage: CardProductionStage; at: string }> | null;

  @Column({ name: 'expected_ready_on', type: 'varchar', length: 10, nullable: true })
  expectedReadyOn: string | null;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt: Date;

  @DateTimeColumn({ name: 'updated_at', transformer: dateTransformer })
  updatedAt: Date;
}
