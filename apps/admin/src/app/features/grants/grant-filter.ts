import type { GrantFilter, GrantQuery } from '../../api/api-types';

/** The grant list's form: empty strings mean "any". Dates are `YYYY-MM-DD` from date inputs. */
export type GrantFilterForm = {
  status: '' | NonNullable<GrantFilter['status']>;
  scope: string;
  flag: '' | NonNullable<GrantFilter['flag']>;
  lastUsedBefore: string;
  createdFrom: string;
  createdTo: string;
  sort: NonNullable<GrantQuery['sort']>;
  order: NonNullable<GrantQuery['order']>;
};

export const EMPTY_GRANT_FILTER: GrantFilterForm = {
  status: '',
  scope: '',
  flag: '',
  lastUsedBefore: '',
  createdFrom: '',
  createdTo: '',
  sort: 'created_at',
  order: 'desc',
};

/** The filter part (what bulk revocation takes): only the criteria that are set. */
export function grantFilterOf(form: GrantFilterForm): GrantFilter {
  const filter: GrantFilter = {};
  if (form.status) filter.status = form.status;
  if (form.scope.trim()) filter.scope = form.scope.trim();
  if (form.flag) filter.flag = form.flag;
  if (form.lastUsedBefore) filter.lastUsedBefore = form.lastUsedBefore;
  if (form.createdFrom) filter.createdFrom = form.createdFrom;
  // "Created between A and B" includes day B: the API's createdTo is exclusive.
  if (form.createdTo) filter.createdTo = nextDay(form.createdTo);
  return filter;
}

/** The list query: the filter, the sort and the keyset page. */
export function grantQueryOf(form: GrantFilterForm, limit: number, cursor?: string): GrantQuery {
  return {
    ...grantFilterOf(form),
    sort: form.sort,
    order: form.order,
    limit,
    ...(cursor ? { cursor } : {}),
  };
}

function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return date;
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}
