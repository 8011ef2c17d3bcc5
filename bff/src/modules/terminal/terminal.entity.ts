import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, dateTransformer } from '../../db/columns';

export type TerminalKind = 'hospital' | 'pharmacy' | 'library' | 'transport';

/** A registered terminal; its signing secret is stored encrypted (PiiCipher), never in clear. */
@Entity('terminal')
export class Terminal {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: TerminalKind;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ name: 'secret_cipher', type: 'varchar', length: 255 })
  secretCipher: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt: Date;

  @DateTimeColumn({ name: 'updated_at', transformer: dateTransformer })
  updatedAt: Date;
}
