import type { DataSource, Repository } from 'typeorm';
import { cardUsability, maskCardNumber, type CardUsability, type EcardStatus, type IdType, type MaskedHolder, type PhysicalCardStatus, type SignLevel } from '@qdssc/shared';
import type { HrssCardState, HrssClient } from '../../adapters/hrss/hrss.client';
import type { NationalPlatformClient } from '../../adapters/national-platform/national-platform.client';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import type { PiiCipher } from '../../lib/crypto/pii-cipher';
import { newId } from '../../lib/ids';
import { Resident } from '../identity/resident.entity';
import { Ecard } from './ecard.entity';
import { PhysicalCard } from './physical-card.entity';

export interface CardCheck {
  ecardId: string;
  residentId: string;
  signLevel: SignLevel;
  physicalStatus: PhysicalCardStatus | null;
  holder: MaskedHolder;
  usability: CardUsability;
}

/**
 * The physical card behind each e-card and the one question everybody asks of it: may this
 * e-card be used now? QR issuing and terminal verification both come here, so when the HRSS
 * card system becomes the source of the card's state (issue 4) only this class changes.
 */
export class CardStatusService {
  private readonly repo: Repository<PhysicalCard>;

  constructor(
    private readonly db: DataSource,
    private readonly pii: PiiCipher,
    private readonly clock: Clock,
    private readonly national: NationalPlatformClient,
    /** The system of record of the physical card (issue 4); without it the national platform's report is used. */
    private readonly hrss?: HrssClient,
  ) {
    this.repo = db.getRepository(PhysicalCard);
  }

  physicalOf(residentId: string): Promise<PhysicalCard | null> {
    return this.repo.findOneBy({ residentId });
  }

  /**
   * THE check of whether an e-card may be used now, with what a terminal is told about it, in
   * one read (e-card, masked holder, physical card). QR issuing and terminal verification both
   * call this.
   */
  async check(ecardId: string): Promise<CardCheck | null> {
    const row = await this.db
      .getRepository(Ecard)
      .createQueryBuilder('e')
      .innerJoin(Resident, 'r', 'r.id = e.resident_id')
      .leftJoin(PhysicalCard, 'p', 'p.resident_id = e.resident_id')
      .select(['e.id AS id', 'e.resident_id AS residentId', 'e.status AS status', 'e.sign_level AS signLevel', 'p.status AS physicalStatus', 'r.name_masked AS maskedName', 'r.id_number_masked AS maskedIdNumber', 'r.id_type AS idType'])
      .where('e.id = :id', { id: ecardId })
      .getRawOne<{ id: string; residentId: string; status: EcardStatus; signLevel: number | string; physicalStatus: PhysicalCardStatus | null; maskedName: string; maskedIdNumber: string; idType: IdType }>();
    if (!row) return null;
    return {
      ecardId: row.id,
      residentId: row.residentId,
      signLevel: Number(row.signLevel) === 2 ? 2 : 1,
      physicalStatus: row.physicalStatus,
      holder: { maskedName: row.maskedName, maskedIdNumber: row.maskedIdNumber, idType: row.idType },
      usability: cardUsability(row.physicalStatus, row.status),
    };
  }

  /** Throws the refusal (CARD_TEMPORARILY_LOST, CARD_CANCELLED, ECARD_REVOKED …) of an unusable card. */
  async assertUsable(ecardId: string): Promise<CardCheck> {
    const c = await this.check(ecardId);
    if (!c) throw new AppError('NOT_FOUND');
    if (!c.usability.usable) throw new AppError(c.usability.code);
    return c;
  }

  /**
   * Reads the physical card from the HRSS card system (the system of record: status with its
   * version, production progress) and stores it; a stored newer version is never overwritten.
   * If HRSS cannot answer, the national platform's report stands in (last report wins).
   */
  async refresh(residentId: string, idNumber: string): Promise<PhysicalCard> {
    if (this.hrss) {
      let card: HrssCardState | null = null;
      try {
        card = await this.hrss.card(idNumber);
      } catch {
        card = null;
      }
      if (card) return this.store(residentId, card);
    }
    const info = await this.national.physicalCardStatus(idNumber);
    const now = new Date(this.clock.now());
    const fields = { cardNoCipher: this.pii.encrypt(info.cardNo), cardNoMasked: maskCardNumber(info.cardNo), bank: info.bank, status: info.status, issuedOn: info.issuedOn, updatedAt: now };
    const existing = await this.repo.findOneBy({ residentId });
    if (existing) {
      await this.repo.createQueryBuilder().update(PhysicalCard).set({ ...fields, statusVersion: () => 'status_version + 1' }).where('resident_id = :residentId', { residentId }).execute();
      return (await this.repo.findOneBy({ residentId }))!;
    }
    return this.insert(residentId, { ...fields, statusVersion: 0 });
  }

  /** Stores HRSS's view of the card: the status only if its version is not older than the stored one. */
  async store(residentId: string, card: HrssCardState): Promise<PhysicalCard> {
    const now = new Date(this.clock.now());
    const last = card.production.length ? card.production[card.production.length - 1].stage : null;
    const fields = {
      cardNoCipher: this.pii.encrypt(card.cardNo), cardNoMasked: maskCardNumber(card.cardNo), bank: card.bank, issuedOn: card.issuedOn,
      hrssRef: card.cardRef, production: card.production, productionStage: last, expectedReadyOn: card.expectedReadyOn, updatedAt: now,
    };
    const existing = await this.repo.findOneBy({ residentId });
    if (existing) {
      await this.repo.createQueryBuilder().update(PhysicalCard).set(fields).where('resident_id = :residentId', { residentId }).execute();
      await this.repo
        .createQueryBuilder()
        .update(PhysicalCard)
        .set({ status: card.status, statusVersion: card.version })
        .where('resident_id = :residentId AND status_version <= :v', { residentId, v: card.version })
        .execute();
      return (await this.repo.findOneBy({ residentId }))!;
    }
    return this.insert(residentId, { ...fields, status: card.status, statusVersion: card.version });
  }

  private async insert(residentId: string, fields: Partial<PhysicalCard>): Promise<PhysicalCard> {
    const now = new Date(this.clock.now());
    const row = this.repo.create({ id: newId(now.getTime()), residentId, createdAt: now, updatedAt: now, ...fields });
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
