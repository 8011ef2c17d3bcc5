import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type CardStatus = 'in_production' | 'issued' | 'active' | 'temporarily_lost' | 'lost' | 'cancelled' | 'replaced';

export interface Persona {
  id: string;
  label: string;
  description: string;
  name: string;
  idType: 'resident' | 'foreign_permanent' | 'hk_macao_permit' | 'taiwan_permit';
  idNumber: string;
  phone: string | null;
  wechatOpenid: string | null;
  alipayUserId: string | null;
  h5Subject: string | null;
  insuredArea: string;
  insured: boolean;
  guardians?: string[];
  card: { cardNo: string; status: CardStatus; bank: string; bankAccount: string; issuedOn: string } | null;
}

export interface TerminalEntry {
  id: string;
  kind: 'hospital' | 'pharmacy' | 'library' | 'transport';
  name: string;
  secret: string;
}

export interface Roster {
  personas: Persona[];
  terminals: TerminalEntry[];
}

export function rosterPath(): string {
  // Compiled code runs from dist/sandbox, sources from sandbox/.
  for (const p of [join(__dirname, 'roster.json'), join(__dirname, '../../sandbox/roster.json')]) {
    try {
      readFileSync(p);
      return p;
    } catch {
      /* next */
    }
  }
  throw new Error('bff/sandbox/roster.json not found');
}

/** A fresh deep copy each call, so a twin that changes a card's state never changes another's. */
export function loadRoster(): Roster {
  return JSON.parse(readFileSync(rosterPath(), 'utf8')) as Roster;
}
