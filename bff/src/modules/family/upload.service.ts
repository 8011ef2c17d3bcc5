import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import busboy from 'busboy';
import type { DataSource, Repository } from 'typeorm';
import type { UploadResult } from '@qdssc/shared';
import { AppError } from '../../http/app-error';
import type { AppContext } from '../../http/context';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import { Upload, type UploadMime } from './upload.entity';

/** What the first bytes of a file say it is; the declared type and file name are not believed. */
export function sniffMime(head: Buffer): UploadMime | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.length >= 5 && head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/**
 * Proof uploads (multipart, one part named `file`). The bytes are streamed to UPLOAD_DIR while
 * being hashed and size-limited, kept only when their content is a JPEG, PNG or PDF, and
 * recorded with their owner; nothing else can read or use them.
 */
export class UploadService {
  private readonly repo: Repository<Upload>;

  constructor(db: DataSource, private readonly clock: Clock, private readonly dir: string, private readonly limitBytes: number) {
    this.repo = db.getRepository(Upload);
  }

  ownedBy(id: string, ownerUserId: string): Promise<Upload | null> {
    return this.repo.findOneBy({ id, ownerUserId });
  }

  async receive(ctx: AppContext, ownerUserId: string, purpose: string): Promise<UploadResult> {
    if (!ctx.is('multipart/form-data')) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
    const declared = Number(ctx.get('content-length') || 0);
    if (declared > this.limitBytes * 4) {
      // Not worth reading: refuse and let the connection go.
      ctx.set('Connection', 'close');
      throw new AppError('UPLOAD_TOO_LARGE', { limitBytes: this.limitBytes });
    }
    const now = this.clock.now();
    const id = newId(now);
    const tmp = join(this.dir, 'tmp', `${id}.part`);
    await mkdir(dirname(tmp), { recursive: true });
    const got = await this.stream(ctx, tmp);
    try {
      if (!got.seen || got.size === 0) throw new AppError('UPLOAD_MISSING');
      if (got.truncated) throw new AppError('UPLOAD_TOO_LARGE', { limitBytes: this.limitBytes });
      const mime = sniffMime(got.head);
      if (!mime) throw new AppError('UPLOAD_TYPE_NOT_ALLOWED');
      const d = new Date(now);
      const rel = join(String(d.getUTCFullYear()), String(d.getUTCMonth() + 1).padStart(2, '0'), id);
      await mkdir(dirname(join(this.dir, rel)), { recursive: true });
      await rename(tmp, join(this.dir, rel));
      await this.repo.insert(this.repo.create({ id, ownerUserId, purpose, storagePath: rel, sha256: got.sha256, mime, sizeBytes: got.size, createdAt: d }));
      return { uploadId: id, mime, sizeBytes: got.size, sha256: got.sha256 };
    } finally {
      await rm(tmp, { force: true });
    }
  }

  private stream(ctx: AppContext, tmp: string): Promise<{ seen: boolean; size: number; truncated: boolean; head: Buffer; sha256: string }> {
    return new Promise((resolve, reject) => {
      let bb: busboy.Busboy;
      try {
        bb = busboy({ headers: ctx.req.headers, limits: { files: 1, fileSize: this.limitBytes, fields: 10, fieldSize: 1024, parts: 12 } });
      } catch (err) {
        reject(new AppError('UPLOAD_MISSING', undefined, { cause: err }));
        return;
      }
      const hash = createHash('sha256');
      const result = { seen: false, size: 0, truncated: false, head: Buffer.alloc(0), sha256: '' };
      let writing: Promise<void> = Promise.resolve();
      bb.on('file', (name, file) => {
        if (name !== 'file' || result.seen) {
          file.resume();
          return;
        }
        result.seen = true;
        const out = createWriteStream(tmp, { mode: 0o600 });
        writing = new Promise((done, fail) => {
          out.on('finish', () => done());
          out.on('error', fail);
        });
        file.on('data', (chunk: Buffer) => {
          if (result.head.length < 16) result.head = Buffer.concat([result.head, chunk.subarray(0, 16 - result.head.length)]);
          result.size += chunk.length;
          hash.update(chunk);
        });
        file.on('limit', () => {
          result.truncated = true;
        });
        file.pipe(out);
      });
      bb.on('error', (err) => reject(new AppError('UPLOAD_MISSING', undefined, { cause: err })));
      bb.on('close', () => {
        writing.then(() => resolve({ ...result, sha256: hash.digest('hex') }), reject);
      });
      ctx.req.pipe(bb);
    });
  }
}
