import type { AppDeps } from '../../app';
import { loadRoster } from '../../../sandbox/roster';
import { PiiCipher } from '../../lib/crypto/pii-cipher';
import { TerminalService } from './terminal.service';

/** Development seed: one terminal per kind, ids and secrets from the sandbox roster. Idempotent. */
export async function seedRosterTerminals(deps: AppDeps): Promise<void> {
  const terminals = new TerminalService(deps.db, new PiiCipher(deps.config.pii.encKey, deps.config.pii.hashKey), deps.clock);
  for (const t of loadRoster().terminals) await terminals.register(t);
}
