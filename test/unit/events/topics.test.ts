import { entryOf, isKind, type LogEntry } from '../../../src/events/topics';

const smsEntry: LogEntry = {
  cursor: '7',
  kind: 'sms',
  app: 'app-1',
  sessionId: null,
  bindingId: 'b1',
  privacyNumber: '+8617000000001',
  createdAt: '2026-01-01T00:00:00.000Z',
  payload: {
    sms: {
      id: 1,
      smsIdentifier: 'sms-1',
      mode: 'NOTIFY',
      app: 'app-1',
      bindingId: 'b1',
      privacyNumber: '+8617000000001',
      sender: '+8613800000001',
      receiver: null,
      decision: null,
      sendResult: 0,
      content: null,
      occurredAt: '2026-01-01T00:00:00.000Z',
    },
  },
};

describe('the event contract', () => {
  it('isKind tells an entry of the given kinds from the others', () => {
    expect(isKind(smsEntry, 'sms')).toBe(true);
    expect(isKind(smsEntry, 'callEvent', 'sms')).toBe(true);
    expect(isKind(smsEntry, 'callEvent', 'callRecord')).toBe(false);
  });

  it('entryOf hands back an entry of its kinds, payload typed, and refuses any other', () => {
    expect(entryOf(smsEntry, 'sms').payload.sms.smsIdentifier).toBe('sms-1');
    expect(() => entryOf(smsEntry, 'callEvent', 'callRecord')).toThrow('event log: a sms entry reached a stream of callEvent, callRecord');
  });
});
