import { createReadStream, promises as fs } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AppMiddleware } from './context';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * Serves the H5 build for paths outside the API. Taro's H5 router is hash-based, so `/` and any
 * unknown page path fall back to index.html. Hashed assets are cached for a year, the page never.
 */
export function staticFiles(dir: string, reservedPrefixes: string[]): AppMiddleware {
  const root = resolve(dir);
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || reservedPrefixes.some((p) => ctx.path.startsWith(p))) return next();
    let rel: string;
    try {
      rel = normalize(decodeURIComponent(ctx.path)).replace(/^([/\\])+/, '');
    } catch {
      return next();
    }
    let file = join(root, rel);
    if (file !== root && !file.startsWith(root + sep)) return next();
    let stat = await fs.stat(file).catch(() => null);
    if (!stat || stat.isDirectory()) {
      if (extname(rel)) return next();
      file = join(root, 'index.html');
      stat = await fs.stat(file).catch(() => null);
      if (!stat) return next();
    }
    const ext = extname(file);
    ctx.type = TYPES[ext] ?? 'application/octet-stream';
    ctx.length = stat.size;
    ctx.set('Cache-Control', ext === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable');
    ctx.body = ctx.method === 'HEAD' ? null : createReadStream(file);
  };
}
