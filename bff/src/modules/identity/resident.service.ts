import type { DataSource, Repository } from 'typeorm';
import { maskIdNumber, maskName, type IdType, type MaskedHolder } from '@qdssc/shared';
import type { Clock } from '../../lib/clock';
import type { PiiCipher } from '../../lib/crypto/pii-cipher';
import { newId } from '../../lib/ids';
import { Resident } from './resident.entity';

export interface VerifiedIdentity {
  idType: IdType;
  /** Normalized (checkIdNumber) */
  idNumber: string;
  /** Normalized (checkPersonName) */
  name: string;
  birthDate: string;
}

/**
 * Residents by ID number without ever storing or querying it in clear: the keyed hash finds
 * the row, the ciphertext gives the number back to the code that must send it to the national
 * platform, the masked forms are what screens and logs see.
 */
export class ResidentService {
  private readonly repo: Repository<Resident>;

  constructor(db: DataSource, private readonly pii: PiiCipher, private readonly clock: Clock) {
    this.repo = db.getRepository(Resident);
  }

  hashOf(idNumber: string): string {
    return this.pii.lookupHash('id_number', idNumber);
  }

  findById(id: string): Promise<Resident | null> {
    return this.repo.findOneBy({ id });
  }

  findByIdNumber(idNumber: string): Promise<Resident | null> {
    return this.repo.findOneBy({ idNumberHash: this.hashOf(idNumber) });
  }

  /** The resident with this ID number, created on first sight; safe when two requests race. */
  async upsert(v: VerifiedIdentity): Promise<Resident> {
    const hash = this.hashOf(v.idNumber);
    const existing = await this.repo.findOneBy({ idNumberHash: hash });
    if (existing) return existing;
    const now = new Date(this.clock.now());
    const row = this.repo.create({
      id: newId(now.getTime()),
      idType: v.idType,
      idNumberCipher: this.pii.encrypt(v.idNumber),
      idNumberHash: hash,
      idNumberMasked: maskIdNumber(v.idNumber),
      nameCipher: this.pii.encrypt(v.name),
      nameMasked: maskName(v.name),
      birthDate: v.birthDate,
      version: 0,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.repo.insert(row);
      return row;
    } catch (err) {
      const again = await this.repo.findOneBy({ idNumberHash: hash });
      if (again) return again;
      throw err;
    }
  }

  /** Name and ID number in clear, for the national platform or a confirmed reveal only. */
  identity(r: Resident): { name: string; idNumber: string } {
    return { name: this.pii.decrypt(r.nameCipher), idNumber: this.pii.decrypt(r.idNumberCipher) };
  }

  holder(r: Resident): MaskedHolder {
    return { maskedName: r.nameMasked, maskedIdNumber: r.idNumberMasked, idType: r.idType };
  }

  /** The AuthService hook: what login and /auth/me show once the account is bound. */
  describe = async (residentId: string): Promise<{ maskedName: string } | null> => {
    const r = await this.repo.findOne({ where: { id: residentId }, select: { id: true, nameMasked: true } });
    return r ? { maskedName: r.nameMasked } : null;
  };
}
