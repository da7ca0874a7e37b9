import { sandboxSeed } from '../../../src/emulator/seed';
import {
  BindingsByIdsDocument,
  type BindingsByIdsQuery,
  type BindingsByIdsQueryVariables,
  BindingsDocument,
  type BindingsQuery,
  type BindingFilter,
  CreateAxbBindingDocument,
  CreateAxybBindingDocument,
  DeleteBindingDocument,
  PrivacyNumberBindingsDocument,
} from '../../generated/graphql';
import { startTestGateway, type TestGateway } from '../../helpers/gateway';
import { postGraphql } from '../../helpers/graphql-client';
import { withTimeout } from '../../helpers/with-timeout';
import { data, errorOf, party } from './fixture';

const AXB_URI = '/rest/caas/relationnumber/partners/v1.0';
const axbNumbers = sandboxSeed().apps.find((a) => a.mode === 'AXB')!.numbers.map((n) => n.number);

function idsVars(ids: string[]): BindingsByIdsQueryVariables {
  return Object.fromEntries(ids.map((id, i) => [`i${i}`, id])) as BindingsByIdsQueryVariables;
}

type Found = { id: string; status: string } | null | undefined;

/** The ten answers of BindingsByIds in alias order. */
function answers(res: BindingsByIdsQuery): Found[] {
  return [res.b0, res.b1, res.b2, res.b3, res.b4, res.b5, res.b6, res.b7, res.b8, res.b9];
}

describe('binding queries: paging over the mirror, filters, one platform GET per distinct id', () => {
  let gw: TestGateway;
  /** Five AXB bindings on one X, in creation order. */
  const onX: string[] = [];
  const X = axbNumbers[6];

  beforeAll(async () => {
    gw = await startTestGateway();
    for (let i = 0; i < 5; i++) {
      const b = await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: party(200 + 2 * i), partyB: party(201 + 2 * i), privacyNumber: X } });
      onX.push(data(b).createAXBBinding.id);
    }
  });
  afterAll(async () => {
    await gw.stop();
  });

  async function allPages(filter: BindingFilter, first: number): Promise<{ ids: string[]; pages: number; totals: (number | null | undefined)[] }> {
    const ids: string[] = [];
    const totals: (number | null | undefined)[] = [];
    let after: string | null | undefined = null;
    let pages = 0;
    for (;;) {
      const page: BindingsQuery['bindings'] = data(await postGraphql(gw.url, BindingsDocument, { filter, first, after })).bindings;
      pages += 1;
      totals.push(page.totalCount);
      ids.push(...page.edges.map((e) => e.node.id));
      expect(page.pageInfo.endCursor).toBe(page.edges.length ? page.edges[page.edges.length - 1].cursor : null);
      if (!page.pageInfo.hasNextPage) return { ids, pages, totals };
      after = page.pageInfo.endCursor;
    }
  }

  it('pages across pages in creation order with opaque cursors', async () => {
    const { ids, pages, totals } = await allPages({ privacyNumber: X }, 2);
    expect(ids).toEqual(onX);
    expect(pages).toBe(3);
    expect(totals).toEqual([5, 5, 5]);
  });

  it('PrivacyNumber.bindings pages over the same bindings', async () => {
    const first = data(await postGraphql(gw.url, PrivacyNumberBindingsDocument, { number: X, first: 3 })).privacyNumber!;
    expect(first).toMatchObject({ number: X, activeBindingCount: 5, capacity: 5000, bindings: { totalCount: 5, pageInfo: { hasNextPage: true } } });
    const rest = data(await postGraphql(gw.url, PrivacyNumberBindingsDocument, { number: X, first: 3, after: first.bindings.pageInfo.endCursor })).privacyNumber!;
    expect(rest.bindings.pageInfo.hasNextPage).toBe(false);
    expect([...first.bindings.edges, ...rest.bindings.edges].map((e) => e.node.id)).toEqual(onX);
  });

  it('filters by party (A or B), mode, app, status, and privacy number as X or Y', async () => {
    expect((await allPages({ party: party(203) }, 10)).ids).toEqual([onX[1]]);
    expect((await allPages({ party: party(204), mode: 'AXB', app: 'sandbox-axb' }, 10)).ids).toEqual([onX[2]]);
    expect((await allPages({ party: party(204), mode: 'AX' }, 10)).ids).toEqual([]);
    expect((await allPages({ party: party(204), app: 'sandbox-ax' }, 10)).ids).toEqual([]);

    const axyb = data(await postGraphql(gw.url, CreateAxybBindingDocument, { input: { partyA: party(220), partyB: party(221), cityCode: '0755' } })).createAXYBBinding;
    expect((await allPages({ privacyNumber: axyb.privacyNumber }, 10)).ids).toEqual([axyb.id]);
    expect((await allPages({ privacyNumber: axyb.numberY! }, 10)).ids).toEqual([axyb.id]);
    expect((await allPages({ party: party(221), mode: 'AXYB' }, 10)).ids).toEqual([axyb.id]);

    const del = data(await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: party(222), partyB: party(223), privacyNumber: X } })).createAXBBinding;
    data(await postGraphql(gw.url, DeleteBindingDocument, { id: del.id }));
    expect((await allPages({ privacyNumber: X, status: 'DELETED' }, 10)).ids).toEqual([del.id]);
    expect((await allPages({ privacyNumber: X, status: 'ACTIVE' }, 10)).ids).toEqual(onX);
    expect((await allPages({ privacyNumber: X, status: 'EXPIRED' }, 10)).ids).toEqual([]);
  });

  it('an unexpired binding counts as ACTIVE; past its expiry it is EXPIRED in lists without asking the platform', async () => {
    const x = axbNumbers[7];
    const short = data(await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: party(230), partyB: party(231), privacyNumber: x, expiresInSeconds: 1 } }));
    const id = short.createAXBBinding.id;
    expect((await allPages({ privacyNumber: x, status: 'ACTIVE' }, 10)).ids).toEqual([id]);
    gw.gateway.emulator!.resetCounts();
    const expiresAt = Date.parse(short.createAXBBinding.expiresAt!);
    const deadline = Date.now() + 5000;
    let ids: string[] = [];
    while (Date.now() < deadline && ids.length === 0) ids = (await allPages({ privacyNumber: x, status: 'EXPIRED' }, 10)).ids;
    expect(ids).toEqual([id]);
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
    expect(gw.gateway.emulator!.requestCount()).toBe(0);
  });

  it('rejects a cursor it did not issue and a page size out of range, naming the argument', async () => {
    expect(errorOf(await postGraphql(gw.url, BindingsDocument, { after: 'not-a-cursor' }))).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'after' } });
    expect(errorOf(await postGraphql(gw.url, BindingsDocument, { first: 0 }))).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'first' } });
    expect(errorOf(await postGraphql(gw.url, BindingsDocument, { first: 101 }))).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'first' } });
  });

  it('asks the platform once per distinct id in a request, however often the id is asked for', async () => {
    const [a, b, c] = onX;
    gw.gateway.emulator!.resetCounts();
    const res = data(await postGraphql(gw.url, BindingsByIdsDocument, idsVars([a, a, b, a, c, b, c, a, b, c])));
    expect(answers(res).map((r) => r?.id)).toEqual([a, a, b, a, c, b, c, a, b, c]);
    expect(gw.gateway.emulator!.requestCount({ method: 'GET', uri: AXB_URI })).toBe(3);
    // A new request asks again: the loader's cache lives for one request only.
    data(await postGraphql(gw.url, BindingsByIdsDocument, idsVars([a, a, a, a, a, a, a, a, a, a])));
    expect(gw.gateway.emulator!.requestCount({ method: 'GET', uri: AXB_URI })).toBe(4);
  });

  it('keeps at most 8 platform GETs in flight for one request', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const b = await postGraphql(gw.url, CreateAxbBindingDocument, { input: { partyA: party(240 + 2 * i), partyB: party(241 + 2 * i), privacyNumber: axbNumbers[8] } });
      ids.push(data(b).createAXBBinding.id);
    }
    const emulator = gw.gateway.emulator!;
    emulator.resetCounts();
    emulator.injectFault({ method: 'GET', uri: AXB_URI, count: 10, response: { delayMs: 1000 } });
    const gets = (): number => emulator.requestCount({ method: 'GET', uri: AXB_URI });
    const request = postGraphql(gw.url, BindingsByIdsDocument, idsVars(ids));
    await withTimeout(
      (async () => {
        while (gets() < 8) await new Promise((r) => setImmediate(r));
      })(),
      5000,
      'eight GETs in flight',
    );
    // Every answer is held back a second: whatever arrives before then was sent while the first 8 were in flight.
    await new Promise((r) => setTimeout(r, 300));
    expect(gets()).toBe(8);
    const res = data(await request);
    expect(answers(res).map((r) => r?.status)).toEqual(Array(10).fill('ACTIVE'));
    expect(gets()).toBe(10);
  });
});
