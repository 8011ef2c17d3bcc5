import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, dateTransformer } from '../../db/columns';

/**
 * One row per successful import (or seed), written in the import's transaction. Its id (a
 * time-ordered UUID) is the data set's version: every BFF process compares the newest id with
 * the one its in-memory index was built from and rebuilds when they differ.
 */
@Entity('branch_import')
export class BranchImport {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @DateTimeColumn({ transformer: dateTransformer })
  at: Date;

  @Column({ type: 'varchar', length: 96 })
  source: string;

  @Column({ type: 'integer' })
  rows: number;

  @Column({ type: 'integer' })
  inserted: number;

  @Column({ type: 'integer' })
  updated: number;
}
