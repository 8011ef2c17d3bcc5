/**
 * Decides once per run whether the MySQL suite can run. No MySQL answering: one loud skip line,
 * unless REQUIRE_MYSQL=1, when the run fails instead.
 */
const mysql = require('mysql2/promise');

module.exports = async function mysqlGlobalSetup() {
  const url = process.env.DB_URL || 'mysql://root@127.0.0.1:3306/test';
  process.env.DB_URL = url;
  try {
    const conn = await mysql.createConnection({ uri: url, connectTimeout: 3000 });
    const [[row]] = await conn.query('SELECT VERSION() AS v');
    await conn.end();
    process.env.MYSQL_AVAILABLE = '1';
    process.env.MYSQL_VERSION = row.v;
  } catch (err) {
    if (process.env.REQUIRE_MYSQL === '1') {
      throw new Error(`REQUIRE_MYSQL=1 but no MySQL answers at ${url.replace(/:[^:@/]*@/, ':***@')}: ${err.message}`);
    }
    process.env.MYSQL_AVAILABLE = '0';
    console.warn(`\n!!!!! MYSQL SUITE SKIPPED: no MySQL at ${url.replace(/:[^:@/]*@/, ':***@')} (${err.code || err.message}); set REQUIRE_MYSQL=1 to fail instead !!!!!\n`);
  }
};
