import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IdType } from '@qdssc/shared';
import { DateTimeColumn, dateTransformer } from '../../db/columns';

/**
 * A real person, found by the keyed hash of the ID number. Name and ID number are kept only as
 * PiiCipher ciphertext and in masked form; the birth date (needed for the under-16 rule in
 * queries) is the one derived fact kept in clear.
 */
@Entity('resident')
export class Resident {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'id_type', type: 'varchar', length: 24 })
  idType: IdType;

  @Column({ name: 'id_number_cipher', type: 'varchar', length: 255 })
  idNumberCipher: string;

  @Column({ name: 'id_number_hash', type: 'varchar', length: 64 })
  idNumberHash: string;

  @Column({ name: 'id_number_masked', type: 'varchar', length: 32 })
  idNumberMasked: string;

  @Column({ name: 'name_cipher', type: 'varchar', length: 255 })
  nameCipher: string;

  @Column({ name: 'name_masked', type: 'varchar', length: 64 })
  nameMasked: string;

  @Column({ name: 'birth_date', type: 'varchar', length: 10 })
  birthDate: string;

  /** Bumped to take the row lock before counting a guardian's family members. */
  @Column({ type: 'integer', default: 0 })
  version: number;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt: Date;

  @DateTimeColumn({ name: 'updated_at', transformer: dateTransformer })
  updatedAt: Date;
}
