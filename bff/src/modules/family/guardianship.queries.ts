import { In, type DataSource, type EntityManager, type Repository } from 'typeorm';
import { ageOn, chinaToday, WARD_AGE_LIMIT } from '@qdssc/shared';
import type { Clock } from '../../lib/clock';
import { Resident } from '../identity/resident.entity';
import { Guardianship } from './guardianship.entity';

/**
 * Who is whose ward right now. A ward counts only while under 16 on today's date in Qingdao
 * (from the injected clock): the day they turn 16 they leave the guardian's list and apply
 * themselves, without any job having to run.
 */
export class GuardianshipQueries {
  private readonly repo: Repository<Guardianship>;

  constructor(db: DataSource, private readonly clock: Clock) {
    this.repo = db.getRepository(Guardianship);
  }

  isMinor(birthDate: string): boolean {
    return ageOn(birthDate, chinaToday(this.clock.now())) < WARD_AGE_LIMIT;
  }

  /** Active guardianships of a guardian with their wards, split by whether the ward is still a minor. */
  async of(guardianResidentId: string, m?: EntityManager): Promise<Array<{ g: Guardianship; ward: Resident; minor: boolean }>> {
    const repo = m ? m.getRepository(Guardianship) : this.repo;
    const gs = await repo.find({ where: { guardianResidentId, status: 'active' }, order: { createdAt: 'ASC' } });
    if (!gs.length) return [];
    const wards = await (m ?? this.repo.manager).getRepository(Resident).findBy({ id: In(gs.map((g) => g.wardResidentId)) });
    const byId = new Map(wards.map((w) => [w.id, w]));
    return gs.filter((g) => byId.has(g.wardResidentId)).map((g) => ({ g, ward: byId.get(g.wardResidentId)!, minor: this.isMinor(byId.get(g.wardResidentId)!.birthDate) }));
  }

  /** The guardians who act for `wardResidentId` today (none once the ward is 16). */
  async guardiansOf(wardResidentId: string, m?: EntityManager): Promise<string[]> {
    const em = m ?? this.repo.manager;
    const ward = await em.getRepository(Resident).findOneBy({ id: wardResidentId });
    if (!ward || !this.isMinor(ward.birthDate)) return [];
    const gs = await em.getRepository(Guardianship).find({ where: { wardResidentId, status: 'active' }, order: { createdAt: 'ASC' } });
    return gs.map((g) => g.guardianResidentId);
  }

  /** True when `guardian` may act for `ward` today. */
  async mayActFor(guardianResidentId: string, wardResidentId: string): Promise<boolean> {
    const g = await this.repo.findOneBy({ guardianResidentId, wardResidentId, status: 'active' });
    if (!g) return false;
    const ward = await this.repo.manager.getRepository(Resident).findOneBy({ id: wardResidentId });
    return Boolean(ward && this.isMinor(ward.birthDate));
  }
}
