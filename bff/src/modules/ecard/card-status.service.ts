import type { DataSource, Repository } from 'typeorm';
import { cardUsability, maskCardNumber, type CardUsability } from '@qdssc/shared';
import type { NationalPlatformClient } from '../../adapters/national-platform/national-platform.client';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import type { PiiCipher } from '../../lib/crypto/pii-cipher';
import { newId } from '../../lib/ids';
import type { Ecard } from './ecard.entity';
import { PhysicalCard } from './physical-card.entity';

/**
 * The physical card behind each e-card and the one question everybody asks of it: may this
 * e-card be used now? QR issuing and terminal verification both come here, so when the HRSS
 * card system becomes the source of the card's state (issue 4) only this class changes.
 */
export class CardStatusService {
  private readonly repo: Repository<PhysicalCard>;

  constructor(db: DataSource, private readonly pii: PiiCipher, private readonly clock: Clock, private readonly national: NationalPlatformClient) {
    this.repo = db.getRepository(PhysicalCard);
  }

  physicalOf(residentId: string): Promise<PhysicalCard | null> {
    return this.repo.findOneBy({ residentId });
  }

  usabilityOf(ecard: Pick<Ecard, 'status'>, physical: PhysicalCard | null): CardUsability {
    return cardUsability(physical?.status ?? null, ecard.status);
  }

  async usability(ecard: Pick<Ecard, 'status' | 'residentId'>): Promise<CardUsability> {
    return this.usabilityOf(ecard, await this.physicalOf(ecard.residentId));
  }

  /** Throws the refusal (CARD_TEMPORARILY_LOST, CARD_CANCELLED, ECARD_REVOKED …) of an unusable card. */
  async assertUsable(ecard: Pick<Ecard, 'status' | 'residentId'>): Promise<PhysicalCard> {
    const physical = await this.physicalOf(ecard.residentId);
    const u = this.usabilityOf(ecard, physical);
    if (!u.usable) throw new AppError(u.code);
    return physical!;
  }

  /** Reads the physical card's state from the national platform and stores it (last report wins). */
  async refresh(residentId: string, idNumber: string): Promise<PhysicalCard> {
    const info = await this.national.physicalCardStatus(idNumber);
    const now = new Date(this.clock.now());
    const fields = { cardNoCipher: this.pii.encrypt(info.cardNo), cardNoMasked: maskCardNumber(info.cardNo), bank: info.bank, status: info.status, issuedOn: info.issuedOn, updatedAt: now };
    const existing = await this.repo.findOneBy({ residentId });
    if (existing) {
      await this.repo.createQueryBuilder().update(PhysicalCard).set({ ...fields, statusVersion: () => 'status_version + 1' }).where('resident_id = :residentId', { residentId }).execute();
      return (await this.repo.findOneBy({ residentId }))!;
    }
    const row = this.repo.create({ id: newId(now.getTime()), residentId, statusVersion: 0, createdAt: now, ...fields });
    try {
      await this.repo.insert(row);
      return row;
    } catch (err) {
      const again = await this.repo.findOneBy({ residentId });
      if (again) return again;
      throw err;
    }
  }
}
