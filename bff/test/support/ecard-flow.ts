import { randomBytes } from 'node:crypto';
import { loadRoster, type Persona, type TerminalEntry } from '../../sandbox/roster';
import { signRequest } from '../../src/lib/crypto/request-signing';
import type { ApiClient, ApiResponse } from './api-client';
import type { Stack } from './stack';

/** Roster personas and terminals as the twins know them. */
export const roster = loadRoster();
export const persona = (id: string): Persona => {
  const p = roster.personas.find((x) => x.id === id);
  if (!p) throw new Error(`no persona ${id}`);
  return p;
};
export const terminal = (kind: TerminalEntry['kind']): TerminalEntry => roster.terminals.find((t) => t.kind === kind)!;

export const opId = () => randomBytes(12).toString('hex');

function ok<T = any>(r: ApiResponse, what: string): T {
  if (r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.data as T;
}

/** Starts a face check and performs the device step at the twin, as the H5 platform file does in the sandbox. */
export async function passedFaceCheck(client: ApiClient, body: Record<string, unknown>, passed = true): Promise<string> {
  const fc = ok(await client.post('/api/v1/identity/face-checks', body), 'start face check');
  ok(await client.post(`/api/v1/sandbox/face-checks/${fc.faceCheckId}/complete`, { passed }), 'complete face check');
  return fc.faceCheckId;
}

/** Logs in as a persona and binds the account to them (face check + national verification). */
export async function bindAs(s: Stack, personaId: string, channel: 'wechat' | 'alipay' | 'h5' = 'h5') {
  const p = persona(personaId);
  const client = await s.loginAs(personaId, channel);
  const faceCheckId = await passedFaceCheck(client, { purpose: 'bind', name: p.name, idType: p.idType, idNumber: p.idNumber });
  const bound = ok(await client.post('/api/v1/identity/bind', { faceCheckId }), `bind ${personaId}`);
  return { client, persona: p, bound };
}

/** Binds and applies for the persona's own e-card; returns the card. */
export async function withEcard(s: Stack, personaId: string, channel: 'wechat' | 'alipay' | 'h5' = 'h5') {
  const b = await bindAs(s, personaId, channel);
  const ecard = ok(await b.client.post('/api/v1/ecards', { operationId: opId() }), `apply ${personaId}`);
  return { ...b, ecard };
}

export async function raiseToLevel2(client: ApiClient, ecardId: string, p: Persona, password = '258369') {
  return ok(await client.post(`/api/v1/ecards/${ecardId}/level-2`, { bankAccount: p.card!.bankAccount, password }), 'level 2');
}

export async function qrFor(client: ApiClient, ecardId: string): Promise<string> {
  return ok(await client.post(`/api/v1/ecards/${ecardId}/qrcodes`), 'issue QR').qrcode;
}

/** A terminal's signed request (DESIGN §3). `tamper` changes what is sent after signing. */
export async function terminalPost(
  s: Pick<Stack, 'clock' | 'api'>,
  t: TerminalEntry,
  body: unknown,
  opts: { path?: string; timestamp?: number; nonce?: string; secret?: string; omit?: string; tamperBody?: string } = {},
): Promise<ApiResponse> {
  const path = opts.path ?? '/terminal/v1/qrcodes/verify';
  const raw = JSON.stringify(body);
  const ts = String(opts.timestamp ?? s.clock.now());
  const nonce = opts.nonce ?? randomBytes(16).toString('hex');
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-terminal-id': t.id,
    'x-timestamp': ts,
    'x-nonce': nonce,
    'x-signature': signRequest(opts.secret ?? t.secret, 'POST', path, ts, nonce, raw),
  };
  if (opts.omit) delete headers[opts.omit];
  return s.api.request('POST', path, { rawBody: opts.tamperBody ?? raw, headers });
}
