import type { AppMeta } from '@qdssc/shared';
import { authService } from '../services/auth.service';

let pending: Promise<AppMeta> | undefined;

/** What this deployment offers (sandbox or not), asked once per app start. */
export function getMeta(): Promise<AppMeta> {
  pending ??= authService.meta().catch((err) => {
    pending = undefined;
    throw err;
  });
  return pending;
}

/** Tests start each case from scratch. */
export function resetMeta(): void {
  pending = undefined;
}
