import type { ApiClient } from './api-client';

/** Small real files of each accepted type (and one that is not), as phones send them. */
export const FILES = {
  pdf: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex')]),
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\u0000'), Buffer.alloc(64, 1), Buffer.from([0xff, 0xd9])]),
  zip: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]),
};

/** POST /api/v1/business/attachments as multipart, fields first as the hosts send them. */
export async function upload(c: ApiClient, itemId: string, slot: string, bytes: Buffer, opts: { name?: string; mime?: string; forWard?: string } = {}) {
  const fd = new FormData();
  fd.append('itemId', itemId);
  fd.append('slot', slot);
  fd.append('file', new Blob([new Uint8Array(bytes)], { type: opts.mime ?? 'application/pdf' }), opts.name ?? 'document.pdf');
  const q = opts.forWard ? `?for=${encodeURIComponent(opts.forWard)}` : '';
  const res = await fetch(`${c.baseUrl}/api/v1/business/attachments${q}`, { method: 'POST', headers: c.token ? { authorization: `Bearer ${c.token}` } : {}, body: fd });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) };
}
