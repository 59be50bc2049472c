import { describe, expect, it } from 'vitest';
import { cleanFileName } from './allowed-types.js';

describe('stored file names', () => {
  it('drops paths, control characters and characters Windows refuses', () => {
    expect(cleanFileName('C:\\Users\\makler\\Exposé "final".pdf')).toBe('Exposé final.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\nc.pdf')).toBe('abc.pdf');
  });
  it('never returns an empty name', () => {
    expect(cleanFileName('///')).toBe('dokument');
  });
});
