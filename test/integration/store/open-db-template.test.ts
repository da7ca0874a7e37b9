import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { silentLogger } from '../../../src/shared/logger';
import type { Db } from '../../../src/store/db';
import { openDb } from '../../../src/store/open-db';
import { createTempDir } from '../../helpers/temp-dir';

/**
 * A fresh DATA_DIR starts from a copy of the build's empty PGlite cluster (dist/pglite-template) when the
 * template was made by the installed PGlite version, and from PGlite's own initdb otherwise. The template
 * here carries a marker table, so the test can tell which of the two the store came from.
 */
describe('openDb on a fresh PGlite DATA_DIR', () => {
  jest.setTimeout(120_000);
  const logger = silentLogger();
  let template: { path: string; remove(): Promise<void> };
  let installed: string;
  const opened: Db[] = [];
  const dirs: { remove(): Promise<void> }[] = [];

  beforeAll(async () => {
    template = await createTempDir('pn-template-');
    const pg = await PGlite.create(template.path);
    await pg.exec('CREATE TABLE template_marker (id int)');
    await pg.close();
    installed = (JSON.parse(await readFile(join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8')) as { version: string }).version;
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close()));
    await Promise.all(dirs.splice(0).map((d) => d.remove()));
  });
  afterAll(() => template.remove());

  async function open(): Promise<Db> {
    const dir = await createTempDir();
    dirs.push(dir);
    const db = await openDb({ databaseUrl: null, dataDir: dir.path }, logger, template.path);
    opened.push(db);
    return db;
  }
  const hasMarker = async (db: Db) => (await db.query<{ t: string | null }>("SELECT to_regclass('template_marker')::text AS t")).rows[0].t !== null;

  it('copies the template made by the installed PGlite, then migrates it', async () => {
    await writeFile(join(template.path, 'PGLITE_VERSION'), `${installed}\n`);
    const db = await open();
    expect(await hasMarker(db)).toBe(true);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n).toBeGreaterThan(0);
  });

  it('ignores a template made by another PGlite version: initdb, no marker', async () => {
    await writeFile(join(template.path, 'PGLITE_VERSION'), '0.0.0-other\n');
    const db = await open();
    expect(await hasMarker(db)).toBe(false);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n).toBeGreaterThan(0);
  });
});
