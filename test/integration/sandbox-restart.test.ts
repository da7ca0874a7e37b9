import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  BindingDocument,
  CreateAxBindingDocument,
  CreateAxbBindingDocument,
  CreateAxeBindingDocument,
  CreateAxybBindingDocument,
  PrivacyNumberDocument,
  UpdateAxbBindingDocument,
} from '../generated/graphql';
import { EMULATOR_STATE_FILE } from '../../src/emulator/state-file';
import { startTestGateway, type TestGateway } from '../helpers/gateway';
import { postGraphql } from '../helpers/graphql-client';
import { createTempDir } from '../helpers/temp-dir';
import { data, errorOf, party } from './bindings/fixture';

describe('sandbox restart on the same DATA_DIR', () => {
  let dir: { path: string; remove(): Promise<void> };
  let gw: TestGateway | null = null;

  beforeAll(async () => {
    dir = await createTempDir('pn-sandbox-restart-');
  });
  afterAll(async () => {
    await gw?.stop();
    await dir?.remove();
  });

  it('keeps every binding of every mode ACTIVE with the same fields, updatable, and numbers counted right', async () => {
    gw = await startTestGateway({ DATA_DIR: dir.path });
    const axb = data(await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: party(701), partyB: party(702), cityCode: '0755', userData: 'restart-axb' } })).createAXBBinding;
    const ax = data(await postGraphql(gw.url, CreateAxBindingDocument, { input: { partyA: party(703), cityCode: '010' } })).createAXBinding;
    const axe = data(await postGraphql(gw.url, CreateAxeBindingDocument, { input: { partyA: party(704), cityCode: '0755', expiresInSeconds: 3600 } })).createAXEBinding;
    const axyb = data(await postGraphql(gw.url, CreateAxybBindingDocument, { input: { partyA: party(705), partyB: party(706), cityCode: '010' } })).createAXYBBinding;
    const created = [axb, ax, axe, axyb];
    for (const b of created) expect(b.status).toBe('ACTIVE');
    await gw.stop();
    gw = null;
    expect(existsSync(join(dir.path, EMULATOR_STATE_FILE))).toBe(true);

    gw = await startTestGateway({ DATA_DIR: dir.path });
    // binding(id) asks the restarted platform, which must still know each one exactly as it was.
    for (const b of created) expect(data(await postGraphql(gw.url, BindingDocument, { id: b.id })).binding).toEqual(b);

    const updated = data(await postGraphql(gw.url, UpdateAxbBindingDocument, { id: axb.id, input: { partyB: party(707) } })).updateAXBBinding;
    expect(updated).toMatchObject({ id: axb.id, status: 'ACTIVE', partyB: party(707) });

    // AX capacity is 1 per number: the restored binding still holds its X.
    expect(data(await postGraphql(gw.url, PrivacyNumberDocument, { number: ax.privacyNumber })).privacyNumber).toMatchObject({ activeBindingCount: 1, capacity: 1 });
    const second = await postGraphql(gw.url, CreateAxBindingDocument, { input: { partyA: party(708), privacyNumber: ax.privacyNumber } });
    expect(errorOf(second)).toBeDefined();
    expect(data(await postGraphql(gw.url, PrivacyNumberDocument, { number: ax.privacyNumber })).privacyNumber).toMatchObject({ activeBindingCount: 1 });
    expect(data(await postGraphql(gw.url, PrivacyNumberDocument, { number: axb.privacyNumber })).privacyNumber).toMatchObject({ activeBindingCount: 1 });
  }, 180_000);
});
