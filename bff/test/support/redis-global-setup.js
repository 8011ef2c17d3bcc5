/**
 * Decides once per run whether the Redis cases can run (several BFF instances sharing state).
 * No Redis: one loud skip line, unless REQUIRE_REDIS=1, when the run fails instead.
 */
const Redis = require('ioredis');

module.exports = async function redisGlobalSetup() {
  const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1500, retryStrategy: () => null });
  try {
    await r.connect();
    await r.ping();
    process.env.REDIS_AVAILABLE = '1';
  } catch (err) {
    if (process.env.REQUIRE_REDIS === '1') throw new Error(`REQUIRE_REDIS=1 but no Redis answers at ${url}: ${err.message}`);
    process.env.REDIS_AVAILABLE = '0';
    console.warn(`\n!!!!! REDIS CASES SKIPPED: no Redis at ${url}; set REQUIRE_REDIS=1 to fail instead !!!!!\n`);
  } finally {
    r.disconnect();
  }
};
