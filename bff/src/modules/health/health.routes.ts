import { API } from '@qdssc/shared';
import type { DataSource } from 'typeorm';
import { AppError } from '../../http/app-error';
import type { ApiRouter } from '../../http/api-router';
import type { KvStore } from '../../kv/kv-store';

export interface HealthDeps {
  db: DataSource;
  kv: KvStore;
  version: string;
  sandbox: boolean;
}

export function mountHealthRoutes(r: ApiRouter, { db, kv, version, sandbox }: HealthDeps): void {
  r.mount(API.health.healthz, async () => ({ status: 'ok' as const, version }));

  // Ready means the dependencies answer, so a load balancer stops sending traffic otherwise.
  r.mount(API.health.readyz, async ({ ctx }) => {
    const checks: Record<string, 'ok' | 'failed'> = {};
    try {
      await db.query('SELECT 1');
      checks.db = 'ok';
    } catch (err) {
      ctx.state.log.warn({ err }, 'readiness: database check failed');
      checks.db = 'failed';
    }
    checks.kv = (await kv.ping()) ? 'ok' : 'failed';
    if (Object.values(checks).includes('failed')) throw new AppError('SERVICE_NOT_READY', { checks });
    return { status: 'ok' as const, checks, version };
  });

  r.mount(API.health.meta, async () => ({ version, sandbox, channels: ['wechat', 'alipay', 'h5'] as Array<'wechat' | 'alipay' | 'h5'> }));
}
