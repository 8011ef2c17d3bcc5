import { AppError } from '../../http/app-error';
import type { AppMiddleware } from '../../http/context';
import type { KvStore } from '../../kv/kv-store';
import type { Clock } from '../../lib/clock';
import { checkSignedRequest, SIGNATURE_WINDOW_MS } from '../../lib/crypto/request-signing';
import type { TerminalService } from './terminal.service';

/**
 * The 'terminal' guard of /terminal/v1 (DESIGN §3): X-Terminal-Id, X-Timestamp (±5 min),
 * X-Nonce and X-Signature = HMAC-SM3 over method, path with query, timestamp, nonce and the SM3
 * of the raw body. The nonce is burnt only after the signature passed, so a forger cannot spend
 * a real terminal's nonces; an unknown terminal is refused exactly like a bad signature.
 */
export function terminalGuard(terminals: TerminalService, kv: KvStore, clock: Clock): AppMiddleware {
  return async (ctx, next) => {
    const id = ctx.get('x-terminal-id');
    const parts = {
      method: ctx.method,
      pathWithQuery: ctx.originalUrl,
      timestamp: ctx.get('x-timestamp') || undefined,
      nonce: ctx.get('x-nonce') || undefined,
      signature: ctx.get('x-signature') || undefined,
      body: ctx.state.rawBody ?? Buffer.alloc(0),
    };
    if (!id || !parts.timestamp || !parts.nonce || !parts.signature) throw new AppError('TERMINAL_HEADERS_MISSING');
    const terminal = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await terminals.find(id) : null;
    if (!terminal) throw new AppError('TERMINAL_SIGNATURE_INVALID');
    const problem = checkSignedRequest(terminal.secret, parts, clock.now());
    if (problem === 'MISSING_HEADERS' || problem === 'BAD_NONCE') throw new AppError('TERMINAL_HEADERS_MISSING', { header: problem === 'BAD_NONCE' ? 'X-Nonce' : undefined });
    if (problem === 'STALE_TIMESTAMP') throw new AppError('TERMINAL_TIMESTAMP_STALE', { serverTime: new Date(clock.now()).toISOString() });
    if (problem === 'BAD_SIGNATURE') throw new AppError('TERMINAL_SIGNATURE_INVALID');
    if (!terminal.active) throw new AppError('TERMINAL_DISABLED');
    if (!(await kv.setIfAbsent(`tnonce:${terminal.id}:${parts.nonce}`, '1', 2 * SIGNATURE_WINDOW_MS))) throw new AppError('TERMINAL_NONCE_REPLAYED');
    ctx.state.terminal = { id: terminal.id, kind: terminal.kind };
    await next();
  };
}
