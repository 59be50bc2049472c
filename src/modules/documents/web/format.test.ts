import { describe, expect, it } from 'vitest';
import { formatBytes, formatDay, isReading } from './format.js';

describe('document formatting', () => {
  it('prints sizes in binary units with German decimals', () => {
    expect(formatBytes(512, 'de')).toBe('512 B');
    expect(formatBytes(1536, 'de')).toBe('1,5 KB');
    expect(formatBytes(20 * 1024 * 1024, 'de')).toBe('20 MB');
  });
  it('keeps a calendar day on its day in every time zone', () => {
    expect(formatDay('2034-03-14', 'de')).toBe('14.03.2034');
  });
  it('counts pending and running text jobs as reading', () => {
    expect(isReading({ text: { status: 'laeuft' } } as never)).toBe(true);
    expect(isReading({ text: { status: 'fertig' } } as never)).toBe(false);
  });
});
