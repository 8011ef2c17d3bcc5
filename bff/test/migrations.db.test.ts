import { createTestDatabase, describeDb, TEST_DB } from './support/test-db';

describeDb('migrations', () => {
  it('create the schema from nothing, roll back completely and apply again', async () => {
    const t = await createTestDatabase({ migrate: false });
    try {
      const applied = await t.ds.runMigrations({ transaction: 'each' });
      expect(applied.length).toBeGreaterThan(0);
      expect(await t.ds.showMigrations()).toBe(false);
      for (let i = 0; i < applied.length; i++) await t.ds.undoLastMigration({ transaction: 'each' });
      const tables = await listTables(t.ds);
      expect(tables.filter((n) => n !== 'migrations')).toEqual([]);
      await t.ds.runMigrations({ transaction: 'each' });
      expect(await listTables(t.ds)).toEqual(expect.arrayContaining(['app_user', 'audit_log']));
    } finally {
      await t.drop();
    }
  });

  it('keep the audit log append-only in the database itself', async () => {
    const t = await createTestDatabase();
    try {
      await t.ds.query(
        "INSERT INTO audit_log (id, at, action, result) VALUES ('a1', '2026-11-29 10:00:00.123', 'test', 'ok')",
      );
      await expect(t.ds.query("UPDATE audit_log SET result = 'failed' WHERE id = 'a1'")).rejects.toThrow(/append-only/);
      await expect(t.ds.query("DELETE FROM audit_log WHERE id = 'a1'")).rejects.toThrow(/append-only/);
    } finally {
      await t.drop();
    }
  });

  it('store Chinese text and millisecond timestamps unchanged', async () => {
    const t = await createTestDatabase();
    try {
      await t.ds.query(
        "INSERT INTO audit_log (id, at, action, result, detail) VALUES ('a2', '2026-11-29 10:00:00.123', 'test', 'ok', '{\"note\":\"临时挂失\"}')",
      );
      const [row] = await t.ds.query("SELECT at, detail FROM audit_log WHERE id = 'a2'");
      expect(row.detail).toBe('{"note":"临时挂失"}');
      const at = row.at instanceof Date ? row.at.toISOString() : String(row.at);
      expect(at).toContain(TEST_DB === 'mysql' ? '10:00:00.123Z' : '10:00:00.123');
    } finally {
      await t.drop();
    }
  });
});

async function listTables(ds: import('typeorm').DataSource): Promise<string[]> {
  const rows: Array<Record<string, string>> =
    ds.options.type === 'mysql'
      ? await ds.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()')
      : await ds.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  return rows.map((r) => r.name ?? r.NAME ?? r.TABLE_NAME).sort();
}
