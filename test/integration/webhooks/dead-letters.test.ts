import { loadConfig, type AppConfig } from '../../../src/config';
import { CallDocument, DeadLettersDocument, DiscardDeadLetterDocument, PrivacyNumberDocument, ReplayDeadLetterDocument } from '../../generated/graphql';
import { DeadLetterRepository } from '../../../src/dead-letters/dead-letter.repository';
import type { Db } from '../../../src/store/db';
import { sha256Hex } from '../../../src/webhooks/canonical';
import { startTestGateway, type TestGateway } from '../../helpers/gateway';
import { postGraphql } from '../../helpers/graphql-client';
import { fixture, push } from '../../helpers/push';

type Json = Record<string, any>;

const copy = (v: unknown): Json => JSON.parse(JSON.stringify(v)) as Json;

describe('dead letters: every signed push that is not storable as a push is kept, answered 200', () => {
  let gw: TestGateway;
  let app: AppConfig;
  let other: AppConfig;
  let store!: Db;
  beforeAll(async () => {
    gw = await startTestGateway({}, { wrapDb: (db) => (store = db) });
    const apps = loadConfig({}).apps;
    app = apps.find((a) => a.name === 'sandbox-axb')!;
    other = apps.find((a) => a.name !== app.name && a.numbers.length > 0)!;
  });
  afterAll(() => gw.stop());

  const newest = async (first = 10) => {
    const { body } = await postGraphql(gw.url, DeadLettersDocument, { first });
    expect(body.errors).toBeUndefined();
    return body.data!.deadLetters;
  };

  it('keeps non-JSON, an unknown eventType and a bad field, newest first, with the kind guessed and the error named', async () => {
    const before = (await newest()).totalCount ?? 0;
    expect((await push(gw.url, app, '{not json')).status).toBe(200);
    expect((await push(gw.url, app, { eventType: 'teleport', statusInfo: { sessionId: 's-unknown' } })).status).toBe(200);
    const spoofed = copy(fixture('call-callin'));
    spoofed.statusInfo.sessionId = 'dl-bidi@x';
    spoofed.statusInfo.caller = '\u202e+8613800000001';
    expect((await push(gw.url, app, spoofed)).status).toBe(200);
    // The same body again (the platform's retry with a fresh signature) is not kept twice.
    expect((await push(gw.url, app, spoofed)).status).toBe(200);

    const page = await newest(3);
    expect(page.totalCount).toBe(before + 3);
    expect(page.edges.map((e) => [e.node.kind, e.node.app])).toEqual([['CALL_EVENT', app.name], ['CALL_EVENT', app.name], ['UNKNOWN', app.name]]);
    expect(page.edges[0].node.error).toContain('statusInfo.caller');
    expect(page.edges[1].node.error).toContain('eventType');
    expect(page.edges[2].node.rawBody).toBe('{not json');
    expect(JSON.parse(page.edges[0].node.headers)).toMatchObject({ authorization: expect.stringContaining('AKSK') });
    expect((await postGraphql(gw.url, CallDocument, { sessionId: 'dl-bidi@x' })).body.data?.call).toBeNull();

    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`gateway_dead_letters_total\\{app="${app.name}",kind="callEvent"\\} [2-9]`));
  });

  it('a CDR batch stores its good records and dead-letters only the bad one; replaying it again is BAD_USER_INPUT; discard removes it', async () => {
    const batch = copy(fixture('cdr-batch-50'));
    batch.feeLst = batch.feeLst.slice(0, 5).map((r: Json, i: number) => ({ ...r, sessionId: `dl-cdr-${i}@x`, icid: `dl-icid-${i}` }));
    batch.feeLst[2].callerNum = 'Block';
    expect((await push(gw.url, app, batch)).status).toBe(200);
    for (const i of [0, 1, 3, 4]) expect((await postGraphql(gw.url, CallDocument, { sessionId: `dl-cdr-${i}@x` })).body.data?.call).not.toBeNull();
    expect((await postGraphql(gw.url, CallDocument, { sessionId: 'dl-cdr-2@x' })).body.data?.call).toBeNull();

    const [letter] = (await newest(1)).edges.map((e) => e.node);
    expect(letter).toMatchObject({ kind: 'CDR_BATCH', error: expect.stringContaining('feeLst[2].callerNum') });
    expect(JSON.parse(letter.rawBody).feeLst).toHaveLength(1);

    const replay = await postGraphql(gw.url, ReplayDeadLetterDocument, { id: letter.id });
    expect(replay.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('callerNum') });
    expect((await newest(1)).edges[0].node.id).toBe(letter.id);

    const discarded = await postGraphql(gw.url, DiscardDeadLetterDocument, { id: letter.id });
    expect(discarded.body.data?.discardDeadLetter).toMatchObject({ id: letter.id, kind: 'CDR_BATCH' });
    expect((await newest(1)).edges[0]?.node.id).not.toBe(letter.id);
    const again = await postGraphql(gw.url, DiscardDeadLetterDocument, { id: letter.id });
    expect(again.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('replay stores a dead letter the current code understands once, as if pushed, and removes it', async () => {
    // As an older version (or a bug since fixed) would have left it: a good call event kept as a dead letter.
    const body = copy(fixture('call-callin'));
    body.statusInfo.sessionId = 'dl-replay@x';
    const keep = (raw: string) =>
      store.transaction((tx) =>
        new DeadLetterRepository().insert(tx, { app: app.name, kind: 'callEvent', headers: {}, rawBody: Buffer.from(raw), bodyHash: sha256Hex(raw), error: 'older parser', receivedAt: new Date() }),
      );
    await keep(JSON.stringify(body));
    const [letter] = (await newest(1)).edges.map((e) => e.node);
    const replay = await postGraphql(gw.url, ReplayDeadLetterDocument, { id: letter.id });
    expect(replay.body.data?.replayDeadLetter).toEqual({ id: letter.id, kind: 'CALL_EVENT', stored: 1, duplicates: 0 });
    const call = (await postGraphql(gw.url, CallDocument, { sessionId: 'dl-replay@x' })).body.data?.call;
    expect(call?.events.map((e) => e.type)).toEqual(['CALL_IN']);
    expect((await postGraphql(gw.url, ReplayDeadLetterDocument, { id: letter.id })).body.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    // The same push kept again (other formatting): replaying it stores nothing new.
    await keep(JSON.stringify(body, null, 2));
    const [twin] = (await newest(1)).edges.map((e) => e.node);
    expect((await postGraphql(gw.url, ReplayDeadLetterDocument, { id: twin.id })).body.data?.replayDeadLetter).toMatchObject({ stored: 0, duplicates: 1 });
    expect((await postGraphql(gw.url, CallDocument, { sessionId: 'dl-replay@x' })).body.data?.call?.events).toHaveLength(1);
  });

  it("a push naming another app's number or key is a dead letter, never attached to that app", async () => {
    const number = other.numbers[0].number;
    const before = (await postGraphql(gw.url, PrivacyNumberDocument, { number })).body.data?.privacyNumber;
    expect((await push(gw.url, app, { eventType: 'numStatus', numInfo: [{ number, status: '9' }] })).status).toBe(200);
    expect((await newest(1)).edges[0].node).toMatchObject({ kind: 'NUMBER_STATUS', app: app.name, error: expect.stringContaining(other.name) });
    expect((await postGraphql(gw.url, PrivacyNumberDocument, { number })).body.data?.privacyNumber?.status).toBe(before?.status);

    const cdr = copy(fixture('cdr-axb-answered'));
    Object.assign(cdr.feeLst[0], { appKey: other.appKey, sessionId: 'dl-foreign@x', icid: 'dl-foreign' });
    expect((await push(gw.url, app, cdr)).status).toBe(200);
    expect((await newest(1)).edges[0].node).toMatchObject({ kind: 'CDR_BATCH', error: expect.stringContaining('appKey') });
    expect((await postGraphql(gw.url, CallDocument, { sessionId: 'dl-foreign@x' })).body.data?.call).toBeNull();
  });

  it('a number-status push whose number is not a phone number never creates inventory', async () => {
    expect((await push(gw.url, app, { eventType: 'numStatus', numInfo: [{ number: '__proto__', status: '5' }] })).status).toBe(200);
    expect((await newest(1)).edges[0].node).toMatchObject({ kind: 'NUMBER_STATUS', error: expect.stringContaining('numInfo[0].number') });
  });

  it('values the database would refuse (NUL, lone surrogate, integer overflow, a huge identifier) are dead letters, not 503', async () => {
    const bodies = [
      { ...copy(fixture('call-callin')), statusInfo: { ...copy(fixture('call-callin')).statusInfo, sessionId: 'dl-nul@x', userData: 'a\u0000b' } },
      { ...copy(fixture('call-callin')), statusInfo: { ...copy(fixture('call-callin')).statusInfo, sessionId: 'dl-sur@x', stateDesc: '\ud800' } },
      { ...copy(fixture('call-disconnect')), statusInfo: { ...copy(fixture('call-disconnect')).statusInfo, sessionId: 'dl-int@x', stateCode: 99999999999 } },
      { ...copy(fixture('call-callin')), statusInfo: { ...copy(fixture('call-callin')).statusInfo, sessionId: 'x'.repeat(3000) } },
      { ...copy(fixture('call-callin')), unknownField: 'y'.repeat(600_000) },
    ];
    const before = (await newest(1)).totalCount ?? 0;
    for (const b of bodies) expect((await push(gw.url, app, b)).status).toBe(200);
    expect((await newest(1)).totalCount).toBe(before + bodies.length);
  });
});
