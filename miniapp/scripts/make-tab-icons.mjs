#!/usr/bin/env node
// Draws the four tab-bar icons (grey and selected red) as 81×81 PNGs with anti-aliasing, so the
// repository carries no binary we cannot regenerate: `node miniapp/scripts/make-tab-icons.mjs`.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
const OUT = join(dirname(fileURLToPath(import.meta.url)), '../src/assets/tab');
const COLORS = { normal: [0x4a, 0x4f, 0x57], active: [0xc8, 0x16, 0x1d] };

const crcTable = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  for (let y = 0; y < SIZE; y++) rgba.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// Shapes as inside-tests on a 0..1 canvas; strokes are rings between two shapes.
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring = (outer, inner) => (x, y) => outer(x, y) && !inner(x, y);
const union = (...fs) => (x, y) => fs.some((f) => f(x, y));
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);

const icons = {
  ecard: union(
    ring(roundRect(0.1, 0.22, 0.9, 0.78, 0.08), roundRect(0.16, 0.28, 0.84, 0.72, 0.04)),
    roundRect(0.22, 0.38, 0.42, 0.56, 0.03),
    roundRect(0.5, 0.4, 0.76, 0.45, 0.02),
    roundRect(0.5, 0.52, 0.7, 0.57, 0.02),
  ),
  branches: minus(
    union(circle(0.5, 0.4, 0.26), (x, y) => y >= 0.4 && y <= 0.9 && Math.abs(x - 0.5) <= 0.26 * (1 - (y - 0.4) / 0.5)),
    circle(0.5, 0.4, 0.1),
  ),
  services: union(
    roundRect(0.14, 0.14, 0.44, 0.44, 0.06),
    roundRect(0.56, 0.14, 0.86, 0.44, 0.06),
    roundRect(0.14, 0.56, 0.44, 0.86, 0.06),
    roundRect(0.56, 0.56, 0.86, 0.86, 0.06),
  ),
  me: union(circle(0.5, 0.32, 0.17), (x, y) => y >= 0.56 && y <= 0.88 && (x - 0.5) ** 2 / 0.33 ** 2 + (y - 0.88) ** 2 / 0.34 ** 2 <= 1),
};

for (const [name, inside] of Object.entries(icons)) {
  for (const [variant, [r, g, b]] of Object.entries(COLORS)) {
    const rgba = Buffer.alloc(SIZE * SIZE * 4);
    for (let py = 0; py < SIZE; py++) {
      for (let px = 0; px < SIZE; px++) {
        let hits = 0;
        for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (inside((px + (sx + 0.5) / 4) / SIZE, (py + (sy + 0.5) / 4) / SIZE)) hits++;
        const o = (py * SIZE + px) * 4;
        rgba[o] = r;
        rgba[o + 1] = g;
        rgba[o + 2] = b;
        rgba[o + 3] = Math.round((hits / 16) * 255);
      }
    }
    writeFileSync(join(OUT, `${name}${variant === 'active' ? '-active' : ''}.png`), png(rgba));
  }
}
console.log(`tab icons written to ${OUT}`);
