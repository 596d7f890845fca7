/**
 * Date math on months and years clamps the day of the month as java.time does (hunt2 H2-27: the engine let
 * Jan 31 + 1M overflow to Mar 2). The expected instants are what OpenSearch 3.6.0 used as range bounds.
 */
import { describe, expect, it } from 'vitest';
import { compileDateFormat } from '../../../../src/engine/index/dates.js';
import { parseDateMath } from '../../../../src/engine/index/date-math.js';

const format = compileDateFormat('strict_date_optional_time||epoch_millis')!;
const at = (expr: string, roundUp = false) => new Date(parseDateMath(expr, format, roundUp, 0)).toISOString();

describe('date math over months and years', () => {
  it('keeps the day of the month, clamped to the target month', () => {
    expect(at('2024-01-31||+1M')).toBe('2024-02-29T00:00:00.000Z');
    expect(at('2023-01-31||+1M')).toBe('2023-02-28T00:00:00.000Z');
    expect(at('2024-03-31||-1M')).toBe('2024-02-29T00:00:00.000Z');
    expect(at('2024-03-31||+1y-11M')).toBe('2024-04-30T00:00:00.000Z');
    expect(at('2024-02-29||+1y')).toBe('2025-02-28T00:00:00.000Z');
    expect(at('2024-02-29||-4y')).toBe('2020-02-29T00:00:00.000Z');
    expect(at('2023-01-31||+13M')).toBe('2024-02-29T00:00:00.000Z');
    expect(at('2024-05-31T10:11:12Z||-3M')).toBe('2024-02-29T10:11:12.000Z');
    expect(at('2024-01-15||+1M')).toBe('2024-02-15T00:00:00.000Z');
  });

  it('rounds after clamping (up to the unit\'s last millisecond where asked)', () => {
    expect(at('2024-01-31||+1M/M', true)).toBe('2024-02-29T23:59:59.999Z');
    expect(at('2024-01-31||+1M/d', true)).toBe('2024-02-29T23:59:59.999Z');
    expect(at('2024-01-31||+1M/M')).toBe('2024-02-01T00:00:00.000Z');
  });
});
