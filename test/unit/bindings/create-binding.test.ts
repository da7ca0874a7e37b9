import { createBinding } from '../../../src/bindings/binding-create.service';
import type { BindingDeps } from '../../../src/bindings/binding.deps';
import type { NewBinding } from '../../../src/bindings/binding.repository';
import { silentLogger } from '../../../src/shared/logger';

const created: NewBinding = {
  id: 'sub-1',
  app: 'rides',
  mode: 'AXB',
  privacyNumber: '+8617000000001',
  partyA: '+8613800000001',
  partyB: '+8613800000002',
  numberY: null,
  extension: null,
  callbackNumber: null,
  callDirection: 'BOTH',
  recordCalls: false,
  maxCallMinutes: null,
  smsEnabled: true,
  userData: null,
  temporaryCallee: null,
  temporaryCalleeExpiresAt: null,
  status: 'ACTIVE',
  createdAt: new Date('2026-01-02T03:04:05Z'),
  expiresAt: null,
};

/** Deps whose store refuses every transaction, as a full disk or a lost connection would. */
function brokenStoreDeps(): BindingDeps {
  return {
    db: { transaction: () => Promise.reject(new Error('disk full')) },
    logger: silentLogger(),
    now: () => new Date(),
  } as unknown as BindingDeps;
}

describe('createBinding', () => {
  it('unbinds on the platform again when the mirror cannot be written, and fails', async () => {
    const undone: string[] = [];
    const result = createBinding(
      brokenStoreDeps(),
      'createAXBBinding:rides',
      null,
      {},
      async () => created,
      async (b) => void undone.push(b.id),
    );
    await expect(result).rejects.toThrow('disk full');
    expect(undone).toEqual(['sub-1']);
  });

  it('reports the store failure, not the undo failure, when both fail', async () => {
    const result = createBinding(
      brokenStoreDeps(),
      'createAXBBinding:rides',
      null,
      {},
      async () => created,
      () => Promise.reject(new Error('platform gone')),
    );
    await expect(result).rejects.toThrow('disk full');
  });

  it('never touches the store when the platform refuses', async () => {
    let transactions = 0;
    const deps = { ...brokenStoreDeps(), db: { transaction: () => (transactions++, Promise.resolve()) } } as unknown as BindingDeps;
    const result = createBinding(deps, 'createAXBBinding:rides', null, {}, () => Promise.reject(new Error('1016002')), async () => undefined);
    await expect(result).rejects.toThrow('1016002');
    expect(transactions).toBe(0);
  });
});
