import { z } from 'zod';
import { endpoint } from './endpoint';

export const HealthStatus = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.record(z.string(), z.enum(['ok', 'failed'])).optional(),
  version: z.string().optional(),
});

export const AppMeta = z.object({
  version: z.string(),
  sandbox: z.boolean().describe('True when the outside systems are the sandbox twins'),
  channels: z.array(z.enum(['wechat', 'alipay', 'h5'])),
});
export type AppMeta = z.infer<typeof AppMeta>;

export const healthApi = {
  healthz: endpoint({ method: 'get', path: '/healthz', summary: 'Process is up', tag: 'ops', auth: 'public', response: HealthStatus }),
  readyz: endpoint({ method: 'get', path: '/readyz', summary: 'Database reachable', tag: 'ops', auth: 'public', response: HealthStatus }),
  meta: endpoint({ method: 'get', path: '/api/v1/meta', summary: 'What this deployment offers', tag: 'ops', auth: 'public', response: AppMeta }),
};
