import { describe, expect, it } from 'vitest';
import { datePrinter } from '../../../../src/engine/aggs/date-format.js';
import { javaDoubleToString } from '../../../../src/engine/index/java-double.js';
import { UTC, parseTimeZone } from '../../../../src/engine/index/time-zone.js';

describe('javaDoubleToString', () => {
  it.each([
    [100, '100.0'], [0, '0.0'], [-50, '-50.0'], [0.001, '0.001'], [0.0001, '1.0E-4'], [1e7, '1.0E7'],
    [9999999, '9999999.0'], [1.31e12, '1.31E12'], [2.25, '2.25'], [123.456, '123.456'], [-1.5e-7, '-1.5E-7'],
  ])('%s -> %s', (x, s) => expect(javaDoubleToString(x)).toBe(s));
});

describe('time zones and date printing', () => {
  it('prints strict_date_optional_time with Z or the offset', () => {
    const p = datePrinter('strict_date_optional_time||epoch_millis');
    expect(p(1303344000000, UTC)).toBe('2011-04-21T00:00:00.000Z');
    expect(p(1301608800000, parseTimeZone('Europe/Paris'))).toBe('2011-04-01T00:00:00.000+02:00');
    expect(p(0, parseTimeZone('-05:30'))).toBe('1969-12-31T18:30:00.000-05:30');
  });

  it('prints custom patterns and epoch formats', () => {
    expect(datePrinter('dd.MM.yyyy HH:mm')(1303344000000, UTC)).toBe('21.04.2011 00:00');
    expect(datePrinter('epoch_millis')(1303344000000, UTC)).toBe('1303344000000');
    expect(() => datePrinter('yyyy-QQQ')).toThrow(/not supported/);
  });

  it('maps local times in DST gaps and overlaps like Java', () => {
    const paris = parseTimeZone('Europe/Paris');
    // 2021-03-28 02:30 local does not exist: Java moves it to 03:30+02:00 = 01:30Z.
    expect(paris.localToUtc(Date.UTC(2021, 2, 28, 2, 30))).toBe(Date.UTC(2021, 2, 28, 1, 30));
    // 2021-10-31 02:30 local happens twice: Java takes the earlier (+02:00) = 00:30Z.
    expect(paris.localToUtc(Date.UTC(2021, 9, 31, 2, 30))).toBe(Date.UTC(2021, 9, 31, 0, 30));
    expect(() => parseTimeZone('Mars/Olympus')).toThrow(/Unknown time-zone/);
  });
});
