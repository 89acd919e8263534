import type { DisclosureFilter } from '../../api/disclosures-api.service';

/**
 * The disclosures page's filters as they live in the URL: empty strings mean "any". `user` is an
 * email (the page looks its id up), `from` and `to` are `datetime-local` values in the viewer's
 * time zone.
 */
export type DisclosureForm = {
  client: string;
  user: string;
  outcome: '' | 'issued' | 'refused';
  refusal: string;
  purpose: string;
  from: string;
  to: string;
};

export const EMPTY_DISCLOSURE_FORM: DisclosureForm = {
  client: '',
  user: '',
  outcome: '',
  refusal: '',
  purpose: '',
  from: '',
  to: '',
};

/**
 * The API's filter for the form, given the id of the user its email names (undefined when no
 * email is set). Local times become instants with their zone, as the API wants them.
 */
export function disclosureFilterOf(form: DisclosureForm, userId?: string): DisclosureFilter {
  const filter: DisclosureFilter = {};
  if (form.client.trim()) filter.clientId = form.client.trim();
  if (userId) filter.userId = userId;
  if (form.outcome) filter.outcome = form.outcome;
  // A refusal code means refused: the outcome need not be chosen too.
  if (form.refusal.trim()) {
    filter.refusal = form.refusal.trim();
    filter.outcome = 'refused';
  }
  if (form.purpose.trim()) filter.purpose = form.purpose.trim();
  const from = instantOf(form.from);
  if (from) filter.from = from;
  const to = instantOf(form.to);
  if (to) filter.to = to;
  return filter;
}

/** `2026-12-03T09:30` in the viewer's zone → `2026-12-03T08:30:00.000Z`; garbage passes as is. */
export function instantOf(local: string): string | undefined {
  const value = local.trim();
  if (!value) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? value : instant.toISOString();
}
