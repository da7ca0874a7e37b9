import { newBinding } from '../../../src/bindings/binding-create.service';
import { BindingRepository } from '../../../src/bindings/binding.repository';
import { silentLogger } from '../../../src/shared/logger';
import { migrate } from '../../../src/store/migrations';
import { PgliteDb } from '../../../src/store/pglite-db';
import { createTempDir } from '../../helpers/temp-dir';

/**
 * The mirror's conditional writes (binding.repository.ts `update(..., only)`): the check and the write are
 * one statement, so a refresh that read ACTIVE never writes over a delete committed in between, and a second
 * party B never replaces the first.
 */
describe('conditional mirror updates', () => {
  let dir: Awaited<ReturnType<typeof createTempDir>>;
  let db: PgliteDb;
  const repo = new BindingRepository();
  const at = new Date('2026-12-01T10:00:00Z');
  beforeAll(async () => {
    dir = await createTempDir();
    db = await PgliteDb.open(dir.path);
    await migrate(db, silentLogger());
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await dir?.remove();
  });

  it('notDeleted: a refresh write after a delete changes nothing', async () => {
    await repo.insert(db, newBinding({ id: 'b-del', app: 'a', mode: 'AXB', privacyNumber: '+8617000000001', partyA: '+8613800000001', partyB: '+8613800000002', createdAt: at }));
    expect((await repo.update(db, 'b-del', { status: 'DELETED' }, at))?.status).toBe('DELETED');
    expect(await repo.update(db, 'b-del', { status: 'ACTIVE', userData: 'late refresh' }, at, 'notDeleted')).toBeNull();
    expect(await repo.get(db, 'b-del')).toMatchObject({ status: 'DELETED', userData: null });
  });

  it('noPartyB: the first party B stays; binding the same slot again is refused by the statement', async () => {
    await repo.insert(db, newBinding({ id: 'b-axyb', app: 'a', mode: 'AXYB', privacyNumber: '+8617000000003', partyA: '+8613800000003', createdAt: at }));
    const [first, second] = await Promise.all([
      repo.update(db, 'b-axyb', { partyB: '+8613800000004', numberY: '+8617000000005' }, at, 'noPartyB'),
      repo.update(db, 'b-axyb', { partyB: '+8613800000006', numberY: '+8617000000007' }, at, 'noPartyB'),
    ]);
    expect([first, second].filter((r) => r !== null)).toHaveLength(1);
    expect((await repo.get(db, 'b-axyb'))?.partyB).toBe((first ?? second)!.partyB);
  });
});
