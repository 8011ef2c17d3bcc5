import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dt } from './migration-helpers';

/**
 * Residents (real-name identities), their e-cards and applications, the physical card behind
 * each e-card, guardianships (亲情服务), uploaded proofs and registered terminals. ID numbers,
 * names and card numbers are stored only as ciphertext plus a masked form; lookups go through
 * a keyed hash.
 */
export class IdentityEcard1764500000000 implements MigrationInterface {
  name = 'IdentityEcard1764500000000';

  async up(q: QueryRunner): Promise<void> {
    const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
    const ref = (name: string, nullable = false) => ({ name, type: 'varchar', length: '36', isNullable: nullable });
    const str = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
    const int = (name: string, dflt: number) => ({ name, type: 'integer', default: dflt });

    await q.createTable(
      new Table({
        name: 'resident',
        columns: [
          id,
          str('id_type', 24),
          str('id_number_cipher', 255),
          str('id_number_hash', 64),
          str('id_number_masked', 32),
          str('name_cipher', 255),
          str('name_masked', 64),
          str('birth_date', 10),
          int('version', 0),
          dt(q, 'created_at'),
          dt(q, 'updated_at'),
        ],
        indices: [new TableIndex({ name: 'uq_resident_id_hash', columnNames: ['id_number_hash'], isUnique: true })],
      }),
    );

    await q.createTable(
      new Table({
        name: 'physical_card',
        columns: [
          id,
          ref('resident_id'),
          str('card_no_cipher', 255),
          str('card_no_masked', 32),
          str('bank', 32),
          str('status', 24),
          int('status_version', 0),
          str('issued_on', 10, true),
          dt(q, 'created_at'),
          dt(q, 'updated_at'),
        ],
        indices: [new TableIndex({ name: 'uq_physical_card_resident', columnNames: ['resident_id'], isUnique: true })],
      }),
    );

    await q.createTable(
      new Table({
        name: 'ecard',
        columns: [
          id,
          ref('resident_id'),
          str('sign_no', 64),
          { name: 'sign_level', type: 'integer' },
          str('sign_date', 10),
          str('valid_until', 10),
          str('status', 16),
          str('channels', 64),
          ref('applied_by_user_id'),
          str('password_hash', 255, true),
          int('password_failures', 0),
          dt(q, 'password_locked_until', true),
          str('bank_name', 32, true),
          str('bank_account_masked', 32, true),
          dt(q, 'bank_linked_at', true),
          int('version', 0),
          dt(q, 'created_at'),
          dt(q, 'updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_ecard_resident', columnNames: ['resident_id'], isUnique: true }),
          new TableIndex({ name: 'uq_ecard_sign_no', columnNames: ['sign_no'], isUnique: true }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'ecard_application',
        columns: [
          id,
          str('operation_id', 64),
          ref('applicant_user_id'),
          ref('applicant_resident_id'),
          ref('subject_resident_id'),
          str('kind', 8),
          str('channel', 16),
          str('status', 16),
          str('busi_seq', 32),
          str('refusal_code', 64, true),
          ref('ecard_id', true),
          dt(q, 'created_at'),
          dt(q, 'updated_at'),
          dt(q, 'completed_at', true),
        ],
        indices: [
          new TableIndex({ name: 'uq_application_operation', columnNames: ['applicant_user_id', 'operation_id'], isUnique: true }),
          new TableIndex({ name: 'uq_application_busi_seq', columnNames: ['busi_seq'], isUnique: true }),
          new TableIndex({ name: 'ix_application_applicant', columnNames: ['applicant_resident_id', 'created_at'] }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'guardianship',
        columns: [
          id,
          ref('guardian_resident_id'),
          ref('ward_resident_id'),
          str('relationship', 24),
          str('proof_kind', 24),
          ref('proof_upload_id'),
          str('status', 16),
          ref('created_by_user_id'),
          dt(q, 'created_at'),
          dt(q, 'updated_at'),
          dt(q, 'ended_at', true),
        ],
        indices: [
          new TableIndex({ name: 'uq_guardianship_pair', columnNames: ['guardian_resident_id', 'ward_resident_id'], isUnique: true }),
          new TableIndex({ name: 'ix_guardianship_ward', columnNames: ['ward_resident_id'] }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'upload',
        columns: [
          id,
          ref('owner_user_id'),
          str('purpose', 32),
          str('storage_path', 255),
          str('sha256', 64),
          str('mime', 64),
          { name: 'size_bytes', type: 'integer' },
          dt(q, 'created_at'),
        ],
        indices: [new TableIndex({ name: 'ix_upload_owner', columnNames: ['owner_user_id', 'created_at'] })],
      }),
    );

    await q.createTable(
      new Table({
        name: 'terminal',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          str('kind', 16),
          str('name', 128),
          str('secret_cipher', 255),
          { name: 'active', type: 'boolean', default: true },
          dt(q, 'created_at'),
          dt(q, 'updated_at'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['terminal', 'upload', 'guardianship', 'ecard_application', 'ecard', 'physical_card', 'resident']) await q.dropTable(t);
  }
}
