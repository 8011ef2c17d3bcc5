import { API } from '@qdssc/shared';
import type { SandboxControlClient } from '../../adapters/sandbox-control/sandbox-control.client';
import { AppError } from '../../http/app-error';
import type { ApiRouter } from '../../http/api-router';
import type { KvStore } from '../../kv/kv-store';
import { enforceRateLimit } from '../../lib/rate-limit';
import type { AuthService } from './auth.service';

export interface AuthRouteDeps {
  auth: AuthService;
  kv: KvStore;
  /** Present only in sandbox deployments. */
  sandbox?: SandboxControlClient;
}

export function mountAuthRoutes(r: ApiRouter, { auth, kv, sandbox }: AuthRouteDeps): void {
  r.mount(API.auth.login, async ({ body, ctx }) => {
    // Codes are single use and short lived; a flood of logins from one address is an attack.
    await enforceRateLimit(kv, `login:${ctx.ip}`, 30, 60_000);
    return auth.login(body.channel, body.code, ctx.state.requestId);
  });

  r.mount(API.auth.logout, async ({ ctx }) => {
    await auth.logout(ctx.state.sessionToken as string, ctx.state.session!, ctx.state.requestId);
    return { loggedOut: true as const };
  });

  r.mount(API.auth.me, async ({ ctx }) => auth.describe(ctx.state.session!.userId, ctx.state.session!));

  r.mount(API.auth.sandboxPersonas, async () => {
    if (!sandbox) throw new AppError('SANDBOX_ONLY');
    return (await sandbox.personas()).map(({ id, label, description }) => ({ id, label, description }));
  });

  r.mount(API.auth.sandboxLoginCode, async ({ body }) => {
    if (!sandbox) throw new AppError('SANDBOX_ONLY');
    const persona = (await sandbox.personas()).find((p) => p.id === body.personaId);
    if (!persona) throw new AppError('PERSONA_NOT_FOUND');
    if (body.channel === 'wechat' && persona.wechatOpenid) return { code: await sandbox.mintWechatCode(persona.wechatOpenid) };
    if (body.channel === 'alipay' && persona.alipayUserId) return { code: await sandbox.mintAlipayAuthCode(persona.alipayUserId) };
    if (body.channel === 'h5' && persona.h5Subject) return { code: await sandbox.mintH5Code(persona.h5Subject) };
    // A child has no account of their own: a guardian logs in instead.
    throw new AppError('PERSONA_NOT_FOUND');
  });
}
