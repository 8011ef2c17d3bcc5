import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, dateTransformer } from '../../db/columns';

export type UploadMime = 'image/jpeg' | 'image/png' | 'application/pdf';

/** An uploaded file's facts; the bytes live under UPLOAD_DIR at `storage_path`, never in the row. */
@Entity('upload')
export class Upload {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'owner_user_id', type: 'varchar', length: 36 })
  ownerUserId: string;

  @Column({ type: 'varchar', length: 32 })
  purpose: string;

  @Column({ name: 'storage_path', type: 'varchar', length: 255 })
  storagePath: string;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 64 })
  mime: UploadMime;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  @DateTimeColumn({ name: 'created_at', transformer: dateTransformer })
  createdAt: Date;
}
