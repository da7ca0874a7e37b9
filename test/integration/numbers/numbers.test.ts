import { sandboxSeed } from '../../../src/emulator/seed';
import {
  CreateAxbBindingDocument,
  CreateAxeBindingDocument,
  CreateAxybBindingDocument,
  DeleteBindingDocument,
  ImportPrivacyNumbersDocument,
  PrivacyNumberDocument,
  PrivacyNumbersDocument,
  type PrivacyNumberFilter,
  type PrivacyNumbersQuery,
} from '../../generated/graphql';
import { startTestGateway, type TestGateway } from '../../helpers/gateway';
import { postGraphql } from '../../helpers/graphql-client';
import { data, errorOf, party } from '../bindings/fixture';

const seed = sandboxSeed();
const appOf = (mode: string) => seed.apps.find((a) => a.mode === mode)!;

describe('privacy numbers: inventory, import, usage and capacity from the mirror, status from pushes', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await gw.stop();
  });

  type Node = PrivacyNumbersQuery['privacyNumbers']['edges'][number]['node'];
  async function allNumbers(filter: PrivacyNumberFilter, first: number): Promise<{ nodes: Node[]; pages: number }> {
    const nodes: Node[] = [];
    let after: string | null | undefined = null;
    for (let pages = 1; ; pages++) {
      const page: PrivacyNumbersQuery['privacyNumbers'] = data(await postGraphql(gw.url, PrivacyNumbersDocument, { filter, first, after })).privacyNumbers;
      nodes.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) return { nodes, pages };
      after = page.pageInfo.endCursor;
    }
  }

  it('lists the configured numbers of every app in seed order, NORMAL, with each mode\'s capacity', async () => {
    const all = data(await postGraphql(gw.url, PrivacyNumbersDocument, { first: 100 })).privacyNumbers;
    expect(all.totalCount).toBe(seed.apps.reduce((n, a) => n + a.numbers.length, 0));
    const capacity = { AX: 1, AXB: 5000, AXE: 9999, AXYB: 1000 } as const;
    for (const app of seed.apps) {
      const { nodes, pages } = await allNumbers({ app: app.name }, 5);
      expect(pages).toBe(Math.ceil(app.numbers.length / 5));
      expect(nodes.map((n) => [n.number, n.cityCode])).toEqual(app.numbers.map((n) => [n.number, n.cityCode]));
      expect(new Set(nodes.map((n) => `${n.app?.name} ${n.status} ${n.capacity} ${n.activeBindingCount}`))).toEqual(
        new Set([`${app.name} NORMAL ${capacity[app.mode]} 0`]),
      );
    }
  });

  it('filters by city code and status; an unknown number is null', async () => {
    const { nodes } = await allNumbers({ app: 'sandbox-axb', cityCode: '010' }, 10);
    expect(nodes.map((n) => n.number)).toEqual(appOf('AXB').numbers.filter((n) => n.cityCode === '010').map((n) => n.number));
    expect((await allNumbers({ status: 'SUSPENDED' }, 10)).nodes).toEqual([]);
    expect(data(await postGraphql(gw.url, PrivacyNumberDocument, { number: '+8617009999999' })).privacyNumber).toBeNull();
  });

  it('counts active bindings from the mirror: X in AXB, X and Y in AXYB; deleted ones drop out', async () => {
    const x = appOf('AXB').numbers[9].number;
    const one = data(await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: party(601), partyB: party(602), privacyNumber: x } })).createAXBBinding;
    data(await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: party(603), partyB: party(604), privacyNumber: x } }));
    expect(data(await postGraphql(gw.url, PrivacyNumberDocument, { number: x })).privacyNumber).toMatchObject({
      activeBindingCount: 2,
      bindings: { totalCount: 2 },
    });
    data(await postGraphql(gw.url, DeleteBindingDocument, { id: one.id }));
    expect(data(await postGraphql(gw.url, PrivacyNumberDocument, { number: x })).privacyNumber).toMatchObject({ activeBindingCount: 1, bindings: { totalCount: 2 } });

    const axyb = data(await postGraphql(gw.url, CreateAxybBindingDocument, { input: { partyA: party(605), partyB: party(606), cityCode: '010' } })).createAXYBBinding;
    for (const number of [axyb.privacyNumber, axyb.numberY!]) {
      expect(data(await postGraphql(gw.url, PrivacyNumberDocument, { number })).privacyNumber).toMatchObject({ activeBindingCount: 1, capacity: 1000 });
    }
  });

  it('AXE capacity follows the extension length the app hands out', async () => {
    const x = appOf('AXE').numbers[0].number;
    const axe = data(await postGraphql(gw.url, CreateAxeBindingDocument, { input: { partyA: party(607), privacyNumber: x } })).createAXEBinding;
    expect(axe.extension).toHaveLength(4);
    expect(data(await postGraphql(gw.url, PrivacyNumberDocument, { number: x })).privacyNumber).toMatchObject({ activeBindingCount: 1, capacity: 9999 });
  });

  it('imports numbers into an app: listed, bindable at once, idempotent; another app\'s number is CONFLICT', async () => {
    const imported = ['+8617001900001', '+8617001900002'];
    const res = data(await postGraphql(gw.url, ImportPrivacyNumbersDocument, { app: 'sandbox-axb', numbers: [...imported, imported[0]], cityCode: '0571' }));
    expect(res.importPrivacyNumbers).toEqual(imported.map((number) => ({ number, cityCode: '0571', status: 'NORMAL', capacity: 5000, app: { name: 'sandbox-axb' } })));
    expect((await allNumbers({ app: 'sandbox-axb', cityCode: '0571' }, 10)).nodes.map((n) => n.number)).toEqual(imported);

    const bound = data(await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: party(611), partyB: party(612), cityCode: '0571' } })).createAXBBinding;
    expect(imported).toContain(bound.privacyNumber);
    expect(data(await postGraphql(gw.url, PrivacyNumberDocument, { number: bound.privacyNumber })).privacyNumber).toMatchObject({ activeBindingCount: 1 });

    // Again without a city code: nothing changes.
    expect(data(await postGraphql(gw.url, ImportPrivacyNumbersDocument, { app: 'sandbox-axb', numbers: imported })).importPrivacyNumbers.map((n) => n.cityCode)).toEqual(['0571', '0571']);

    const taken = errorOf(await postGraphql(gw.url, ImportPrivacyNumbersDocument, { app: 'sandbox-axb', numbers: ['+8617001900003', appOf('AX').numbers[0].number] }));
    expect(taken).toMatchObject({ code: 'CONFLICT', extensions: { field: 'numbers' } });
    expect(taken.message).not.toContain(appOf('AX').numbers[0].number);
    expect(data(await postGraphql(gw.url, PrivacyNumberDocument, { number: '+8617001900003' })).privacyNumber).toBeNull();
  });

  it('is NORMAL until a number-status push says otherwise, and an unavailable number takes no new binding', async () => {
    const x = appOf('AXB').numbers[10].number;
    const read = async () => data(await postGraphql(gw.url, PrivacyNumberDocument, { number: x })).privacyNumber!;
    expect(await read()).toMatchObject({ status: 'NORMAL', statusCause: null, statusChangedAt: null });

    gw.gateway.emulator!.pushNumberStatus({ number: x, status: '10', cause: '2' });
    const deadline = Date.now() + 5000;
    let now = await read();
    while (now.status === 'NORMAL' && Date.now() < deadline) now = await read();
    expect(now).toMatchObject({ status: 'UNAVAILABLE', statusCause: '2 (arrears)' });
    expect(Date.parse(now.statusChangedAt!)).not.toBeNaN();
    expect((await allNumbers({ status: 'UNAVAILABLE' }, 10)).nodes.map((n) => n.number)).toEqual([x]);

    const refused = errorOf(await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: party(621), partyB: party(622), privacyNumber: x } }));
    expect(refused).toMatchObject({ code: 'NUMBER_UNAVAILABLE', extensions: { platformCode: '1012102' } });
  });
});
