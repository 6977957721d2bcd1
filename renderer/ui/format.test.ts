import { describe, expect, it } from 'vitest';
import { formatExpiry } from './format';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();

describe('formatExpiry', () => {
  it('counts down in days, hours and minutes while far off', () => {
    expect(formatExpiry(at(3 * 86_400_000), NOW)).toMatchObject({ state: 'ok', short: '3d' });
    expect(formatExpiry(at(5 * 3600_000 + 7 * 60_000 + 5_000), NOW)).toMatchObject({ state: 'ok', short: '5h 07m', text: 'expires in 5 h 7 min' });
    expect(formatExpiry(at(42 * 60_000 + 30_000), NOW)).toMatchObject({ state: 'ok', short: '42m' });
  });

  it('shows seconds and turns amber under ten minutes', () => {
    expect(formatExpiry(at(9 * 60_000 + 5_000), NOW)).toEqual({ state: 'soon', short: '9:05', text: 'expires in 9 min 05 s' });
    expect(formatExpiry(at(10 * 60_000), NOW).state).toBe('ok');
  });

  it('says expired, and how long ago', () => {
    expect(formatExpiry(at(0), NOW)).toMatchObject({ state: 'expired', short: 'expired', text: 'expired just now' });
    expect(formatExpiry(at(-3 * 60_000), NOW)).toMatchObject({ state: 'expired', text: 'expired 3 min ago' });
  });

  it('passes an unparseable time through untouched', () => {
    expect(formatExpiry('soon-ish', NOW)).toEqual({ state: 'ok', short: '', text: 'soon-ish' });
  });
});
