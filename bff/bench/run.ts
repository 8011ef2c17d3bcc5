import 'reflect-metadata';
import type { Bench } from './bench-kit';
import { buildSizeBench } from './build-size.bench';
import { cardBench } from './card.bench';
import { branchesBench } from './branches.bench';
import { ecardBench } from './ecard.bench';
import { httpBench } from './http.bench';
import { paymentsBench } from './payments.bench';
import { payTerminalBench } from './pay-terminal.bench';
import { recordsBench } from './records.bench';
import { notificationsBench } from './notifications.bench';
import { medicalBench } from './medical.bench';

/** Every benchmark; features add theirs. `npm run bench -- http size` runs only those. */
const benches: Bench[] = [httpBench, buildSizeBench, ecardBench, branchesBench, paymentsBench, recordsBench, notificationsBench, medicalBench, payTerminalBench, cardBench];

async function main() {
  const wanted = process.argv.slice(2);
  const chosen = wanted.length ? benches.filter((b) => wanted.includes(b.name)) : benches;
  console.log(`# npm run bench — ${new Date().toISOString()} — Node ${process.version}, ${require('node:os').cpus().length} cores`);
  for (const b of chosen) {
    console.log(`\n# ${b.name}: ${b.description}`);
    const t = Date.now();
    await b.run();
    console.log(`(${b.name} took ${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
