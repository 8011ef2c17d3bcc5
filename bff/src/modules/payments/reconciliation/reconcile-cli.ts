import 'reflect-metadata';
import { AlipayClient } from '../../../adapters/alipay/alipay.client';
import { WechatPayClient } from '../../../adapters/wechat-pay/wechat-pay.client';
import { NationalPlatformClient } from '../../../adapters/national-platform/national-platform.client';
import { cstDate } from '../../../adapters/wechat-pay/wechat-pay.crypto';
import { ConfigError, loadConfig } from '../../../config';
import { createDataSource } from '../../../db/data-source';
import { systemClock, type Clock } from '../../../lib/clock';
import { formatReconciliationReport, RECONCILED_PROVIDERS, ReconciliationService } from './reconciliation.service';
import { HrssClient } from '../../../adapters/hrss/hrss.client';
import { formatFeeReconReport, reconcileFeesWithHrss } from '../../fees/fee-reconciliation';

/**
 * `npm run reconcile -- [YYYY-MM-DD]` (default: yesterday, China time): compares our WeChat Pay,
 * e-card account and Alipay orders and refunds of that day with WeChat Pay's trade bill, the
 * national platform's e-card payment bill and Alipay's trade bill, and prints every mismatch.
 * Exit code 0 = everything matches, 3 = mismatches found, 1 = could not reconcile.
 * Uses the BFF's configuration (DB_URL or the SQLite file, WECHATPAY_*, ALIPAY_*; outside production the
 * sandbox twin of `npm start` stands in).
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, out: (s: string) => void = console.log, clock: Clock = systemClock): Promise<number> {
  const date = argv.find((a) => !a.startsWith('-')) ?? cstDate(clock.now() - 86_400_000);
  const config = loadConfig({ SANDBOX: env.NODE_ENV === 'production' ? undefined : '1', ...env });
  const ds = createDataSource(config.db);
  await ds.initialize();
  try {
    const service = new ReconciliationService(ds, clock, new WechatPayClient(config.wechatPay, clock), new NationalPlatformClient(config.national, clock), new AlipayClient(config.alipay));
    let mismatches = 0;
    for (const provider of RECONCILED_PROVIDERS) {
      const report = await service.reconcile(date, provider);
      out(formatReconciliationReport(report));
      mismatches += report.mismatches.length;
    }
    // Then the HRSS side: bills it marked paid that day against our paid fee orders.
    const fees = await reconcileFeesWithHrss(ds, new HrssClient(config.hrss, clock), date);
    out(formatFeeReconReport(fees));
    mismatches += fees.mismatches.length;
    return mismatches ? 3 : 0;
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof ConfigError ? err.message : `reconciliation failed: ${(err as Error)?.message ?? err}`);
      process.exit(1);
    },
  );
}
