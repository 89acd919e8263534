import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv.js';

describe('csvCell', () => {
  it('leaves plain text alone', () => {
    expect(csvCell('offline_access.revoked')).toBe('offline_access.revoked');
  });

  it('quotes cells with quotes, commas and line breaks, doubling quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('one\ntwo')).toBe('"one\ntwo"');
  });

  it('prefixes cells that would start a formula with a quote', () => {
    for (const start of ['=', '+', '-', '@']) {
      expect(csvCell(`${start}HYPERLINK("x")`)).toBe(`"'${start}HYPERLINK(""x"")"`);
    }
    expect(csvCell('=1+1')).toBe("'=1+1");
  });

  it('writes null as an empty cell', () => {
    expect(csvLine([null, 'x', undefined])).toBe(',x,\r\n');
  });
});
