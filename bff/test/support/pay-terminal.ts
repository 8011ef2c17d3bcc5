import { randomBytes } from 'node:crypto';
import type { TerminalEntry } from '../../sandbox/roster';
import { signRequest } from '../../src/lib/crypto/request-signing';
import type { ApiResponse } from './api-client';
import { persona, qrFor, raiseToLevel2, terminalPost, withEcard } from './ecard-flow';
import type { Stack } from './stack';

/** A terminal's signed GET (no body). */
export async function terminalGet(s: Pick<Stack, 'clock' | 'api'>, t: TerminalEntry, path: string): Promise<ApiResponse> {
  const ts = String(s.clock.now());
  const nonce = randomBytes(16).toString('hex');
  return s.api.request('GET', path, {
    headers: { 'x-terminal-id': t.id, 'x-timestamp': ts, 'x-nonce': nonce, 'x-signature': signRequest(t.secret, 'GET', path, ts, nonce, '') },
  });
}

/** The terminal asks for a charge on a scanned QR code. */
export function charge(s: Pick<Stack, 'clock' | 'api'>, t: TerminalEntry, body: { qrcode: string; amountFen: number; outTradeNo: string; items?: unknown[] }) {
  return terminalPost(s, t, { items: [], ...body }, { path: '/terminal/v1/charges' });
}

export function reverseCharge(s: Pick<Stack, 'clock' | 'api'>, t: TerminalEntry, outTradeNo: string) {
  return terminalPost(s, t, {}, { path: `/terminal/v1/charges/${outTradeNo}/reverse` });
}

/** A bound resident with a level-2 e-card (password 258369) ready to pay. */
export async function payingResident(s: Stack, personaId: string) {
  const r = await withEcard(s, personaId);
  await raiseToLevel2(r.client, r.ecard.id, persona(personaId));
  return { ...r, qr: () => qrFor(r.client, r.ecard.id) };
}

/** The national platform twin's view of a persona's linked account. */
export async function payAccount(s: Stack, personaId: string): Promise<{ balanceFen: number; payments: Array<{ busiSeq: string; amountFen: number; status: string; refundedFen: number }> }> {
  return (await fetch(`${s.sandboxUrl}/sandbox/national/pay-accounts/${personaId}`)).json() as never;
}

export const outTradeNo = () => `T${randomBytes(8).toString('hex')}`;
