import type { DataSource, Repository } from 'typeorm';
import type { LoginChannel, LoginResponse, SessionUser } from '@qdssc/shared';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import type { AuditService } from '../audit/audit.service';
import { AppUser } from './app-user.entity';
import type { Session, SessionStore } from './session.store';

/** Turns a host login code into the host's stable user id (openid, Alipay user_id, H5 subject). */
export interface LoginProvider {
  identify(code: string): Promise<{ channelUserId: string }>;
}

export type LoginProviders = Partial<Record<LoginChannel, LoginProvider>>;

/** Supplied by the identity feature once residents exist: the masked name shown after login. */
export type ResidentDescriber = (residentId: string) => Promise<{ maskedName: string } | null>;

/** Told after a session ended, e.g. to drop what was cached for the user. */
export type LogoutListener = (e: { userId: string; channel: LoginChannel }) => Promise<void> | void;

export class AuthService {
  private readonly users: Repository<AppUser>;
  private readonly logoutListeners: LogoutListener[] = [];

  constructor(
    db: DataSource,
    private readonly providers: LoginProviders,
    private readonly sessions: SessionStore,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly describeResident: ResidentDescriber = async () => null,
  ) {
    this.users = db.getRepository(AppUser);
  }

  async login(channel: LoginChannel, code: string, requestId?: string): Promise<LoginResponse> {
    const provider = this.providers[channel];
    if (!provider) throw new AppError('LOGIN_CHANNEL_UNAVAILABLE');
    let channelUserId: string;
    try {
      ({ channelUserId } = await provider.identify(code));
    } catch (err) {
      await this.audit.record({ action: 'auth.login', result: 'refused', channel, code: (err as AppError).code ?? 'INTERNAL', requestId });
      throw err;
    }
    const user = await this.upsertUser(channel, channelUserId);
    const { token, session } = await this.sessions.create(user.id, channel, user.residentId);
    await this.audit.record({ action: 'auth.login', result: 'ok', actorUserId: user.id, subjectResidentId: user.residentId, channel, requestId });
    return { token, expiresAt: new Date(session.expiresAt).toISOString(), user: await this.describe(user.id, session) };
  }

  async logout(token: string, session: Session, requestId?: string): Promise<void> {
    await this.sessions.destroy(token);
    await this.audit.record({ action: 'auth.logout', result: 'ok', actorUserId: session.userId, channel: session.channel, requestId });
    // A listener's failure must not turn a completed logout into an error for the resident.
    await Promise.allSettled(this.logoutListeners.map(async (fn) => fn({ userId: session.userId, channel: session.channel })));
  }

  onLogout(fn: LogoutListener): void {
    this.logoutListeners.push(fn);
  }

  async describe(userId: string, session: Pick<Session, 'channel' | 'residentId'>): Promise<SessionUser> {
    const user = await this.users.findOneBy({ id: userId });
    const residentId = user?.residentId ?? session.residentId;
    const resident = residentId ? await this.describeResident(residentId) : null;
    return { userId, channel: session.channel, realNameBound: Boolean(residentId), maskedName: resident?.maskedName ?? null };
  }

  /** Insert-or-read that survives two first logins of the same person racing each other. */
  private async upsertUser(channel: LoginChannel, channelUserId: string): Promise<AppUser> {
    const now = new Date(this.clock.now());
    const existing = await this.users.findOneBy({ channel, channelUserId });
    if (existing) {
      await this.users.update({ id: existing.id }, { lastLoginAt: now });
      return existing;
    }
    try {
      const user = this.users.create({ id: newId(now.getTime()), channel, channelUserId, residentId: null, createdAt: now, lastLoginAt: now });
      await this.users.insert(user);
      return user;
    } catch (err) {
      const again = await this.users.findOneBy({ channel, channelUserId });
      if (again) return again;
      throw err;
    }
  }
}
