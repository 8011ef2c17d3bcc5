import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dt } from './migration-helpers';

/** Issued proofs of contributions: the signed facts and the hash of the PDF handed out. */
export class ContributionProofs1764800000001 implements MigrationInterface {
  name = 'ContributionProofs1764800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'contribution_proof',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'code', type: 'varchar', length: '32' },
          { name: 'resident_ref', type: 'varchar', length: '64' },
          { name: 'created_by_user_id', type: 'varchar', length: '36' },
          { name: 'holder_masked_name', type: 'varchar', length: '64' },
          { name: 'holder_masked_id', type: 'varchar', length: '32' },
          { name: 'period_from', type: 'varchar', length: '7' },
          { name: 'period_to', type: 'varchar', length: '7' },
          { name: 'months_paid', type: 'int' },
          { name: 'pdf_sm3', type: 'varchar', length: '64' },
          { name: 'pdf_path', type: 'varchar', length: '255' },
          { name: 'size_bytes', type: 'int' },
          { name: 'signed_text', type: 'text' },
          { name: 'signature', type: 'varchar', length: '160' },
          dt(q, 'issued_at'),
          dt(q, 'expires_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_proof_code', columnNames: ['code'], isUnique: true }),
          new TableIndex({ name: 'ix_proof_resident', columnNames: ['resident_ref', 'issued_at'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('contribution_proof');
  }
}
