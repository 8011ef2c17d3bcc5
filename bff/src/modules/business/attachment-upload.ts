import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { join } from 'node:path';
import busboy from 'busboy';
import type { AttachmentType } from '@qdssc/shared';
import { AppError } from '../../http/app-error';
import { randomToken } from '../../lib/ids';

/**
 * Reads one multipart upload (fields + a `file` part) straight to a temporary file under
 * UPLOAD_DIR, hashing it (SM3) and keeping its first bytes for the type check. A declared
 * Content-Length over the limit is refused before reading; otherwise storing stops at the limit.
 * Nothing is trusted from the client's file name or declared type.
 */

export interface ReceivedUpload {
  fields: Record<string, string>;
  tmpPath: string;
  size: number;
  sm3: string;
  head: Buffer;
}

const MAGIC: Array<[AttachmentType, number[]]> = [
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
];

/** The file's real type from its first bytes, or null for anything else. */
export function sniffType(head: Buffer): AttachmentType | null {
  for (const [type, bytes] of MAGIC) if (head.length >= bytes.length && bytes.every((b, i) => head[i] === b)) return type;
  return null;
}

export async function receiveUpload(req: IncomingMessage, headers: IncomingHttpHeaders, opts: { limitBytes: number; tmpDir: string }): Promise<ReceivedUpload> {
  const declared = Number(headers['content-length'] ?? NaN);
  // Multipart framing and the small fields add a little over the file itself.
  if (Number.isFinite(declared) && declared > opts.limitBytes + 16 * 1024) throw new AppError('ATTACHMENT_TOO_LARGE', { maxBytes: opts.limitBytes });
  await mkdir(opts.tmpDir, { recursive: true });
  const tmpPath = join(opts.tmpDir, `${randomToken(12)}.part`);
  let bb: busboy.Busboy;
  try {
    bb = busboy({ headers, limits: { files: 1, fileSize: opts.limitBytes, fields: 8, fieldSize: 256, parts: 10 } });
  } catch (err) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', undefined, { cause: err });
  }
  const fields: Record<string, string> = {};
  let fileDone: Promise<void> | null = null;
  let size = 0;
  let truncated = false;
  const hash = createHash('sm3');
  const headChunks: Buffer[] = [];
  let headLen = 0;

  const parsed = new Promise<void>((resolve, reject) => {
    bb.on('field', (name, value) => {
      fields[name] = value;
    });
    bb.on('file', (name, stream) => {
      if (name !== 'file' || fileDone) {
        stream.resume();
        return;
      }
      const out = createWriteStream(tmpPath, { mode: 0o600 });
      fileDone = new Promise<void>((res, rej) => {
        out.on('finish', () => res());
        out.on('error', rej);
      });
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        hash.update(chunk);
        if (headLen < 16) {
          headChunks.push(chunk);
          headLen += chunk.length;
        }
      });
      stream.on('limit', () => {
        truncated = true;
      });
      stream.pipe(out);
    });
    bb.on('error', reject);
    bb.on('close', () => resolve());
  });
  req.pipe(bb);

  try {
    await parsed;
    if (fileDone) await fileDone;
  } catch (err) {
    await rm(tmpPath, { force: true });
    throw new AppError('ATTACHMENT_INVALID', undefined, { cause: err });
  }
  if (truncated) {
    await rm(tmpPath, { force: true });
    throw new AppError('ATTACHMENT_TOO_LARGE', { maxBytes: opts.limitBytes });
  }
  if (!fileDone || size === 0) {
    await rm(tmpPath, { force: true });
    throw new AppError('ATTACHMENT_INVALID', { reason: 'no file part named "file", or an empty file' });
  }
  return { fields, tmpPath, size, sm3: hash.digest('hex'), head: Buffer.concat(headChunks).subarray(0, 16) };
}
