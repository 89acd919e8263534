import { describe, expect, it } from 'vitest';
import { EMPTY_DISCLOSURE_FORM, disclosureFilterOf, instantOf } from './disclosure-filter';

describe('disclosure filters', () => {
  it('sends only what is set', () => {
    expect(disclosureFilterOf(EMPTY_DISCLOSURE_FORM)).toEqual({});
    expect(
      disclosureFilterOf(
        { ...EMPTY_DISCLOSURE_FORM, client: ' c1 ', outcome: 'issued', purpose: 'weekly-digest' },
        'u1',
      ),
    ).toEqual({ clientId: 'c1', userId: 'u1', outcome: 'issued', purpose: 'weekly-digest' });
  });

  it('takes a refusal code to mean refused', () => {
    expect(disclosureFilterOf({ ...EMPTY_DISCLOSURE_FORM, refusal: 'no_grant' })).toEqual({
      refusal: 'no_grant',
      outcome: 'refused',
    });
  });

  it("reads the time range in the viewer's zone and sends instants", () => {
    const local = '2026-12-03T09:30';
    const filter = disclosureFilterOf({ ...EMPTY_DISCLOSURE_FORM, from: local, to: local });
    expect(filter.from).toBe(new Date(2026, 11, 3, 9, 30).toISOString());
    expect(filter.to).toBe(filter.from);
    expect(instantOf('')).toBeUndefined();
    // Not a time: passed on for the API to refuse with its own words.
    expect(instantOf('soon')).toBe('soon');
  });
});
