import { isAbsentTime, parsePushTime } from '../../../src/webhooks/push-time';

describe('push times', () => {
  test.each([
    ['2024-05-06 01:15:40', '2024-05-06T01:15:40.000Z'],
    ['2024-05-06T01:15:40', '2024-05-06T01:15:40.000Z'],
    ['2024-05-06T04:10:22.318Z', '2024-05-06T04:10:22.318Z'],
    ['2024-05-06T04:10:22.3Z', '2024-05-06T04:10:22.300Z'],
    ['2024-05-06T04:10:22.318456Z', '2024-05-06T04:10:22.318Z'],
    ['2024-05-06 09:15:40+08:00', '2024-05-06T01:15:40.000Z'],
    ['2024-05-05 21:15:40-0400', '2024-05-06T01:15:40.000Z'],
    [' 2024-05-06 01:15:40 ', '2024-05-06T01:15:40.000Z'],
    ['1714958140', '2024-05-06T01:15:40.000Z'],
    ['1714958140318', '2024-05-06T01:15:40.318Z'],
    [1714958140, '2024-05-06T01:15:40.000Z'],
  ])('%j → %s', (value, iso) => {
    expect(parsePushTime(value)?.toISOString()).toBe(iso);
  });

  test.each(['2024-02-30 00:00:00', '2024-13-01 00:00:00', '2024-05-06 24:00:00', '2024-05-06 23:60:00', '06/05/2024', 'soon', '', '12', '-5'])(
    '%j is not a time',
    (value) => {
      expect(parsePushTime(value)).toBeNull();
    },
  );

  test.each([0, -1, 1.5, Number.MAX_SAFE_INTEGER * 10])('%j is not an epoch time', (value) => {
    expect(parsePushTime(value)).toBeNull();
  });

  test('empty, blank and all-zero values mean "no time"', () => {
    expect(['', '  ', '0000-00-00 00:00:00', '0000-00-00T00:00:00.000'].every(isAbsentTime)).toBe(true);
    expect(isAbsentTime('2024-05-06 01:15:40')).toBe(false);
  });
});
