import type { ChannelInput } from '../../../src-main/api/contract.ts'

export type AuditFilter = NonNullable<ChannelInput<'audit.list'>['filter']>

/** The filter form as typed: empty strings mean "any"; times are `datetime-local` values (local time). */
export interface FilterForm {
  since: string
  until: string
  connectionId: string
  actionPrefix: string
  target: string
  outcome: '' | 'ok' | 'error' | 'unknown'
  search: string
}

export const EMPTY_FILTER: Readonly<FilterForm> = { since: '', until: '', connectionId: '', actionPrefix: '', target: '', outcome: '', search: '' }

/** Turns the form into the channel's filter, leaving out what is empty or unreadable. */
export function toFilter(form: FilterForm): AuditFilter {
  // A datetime-local value has no offset, so Date.parse reads it as local time, as the person meant.
  const time = (value: string) => (value ? Date.parse(value) : Number.NaN)
  const filter: AuditFilter = {}
  if (Number.isFinite(time(form.since))) filter.since = time(form.since)
  if (Number.isFinite(time(form.until))) filter.until = time(form.until)
  if (form.connectionId) filter.connectionId = form.connectionId
  if (form.actionPrefix.trim()) filter.actionPrefix = form.actionPrefix.trim()
  if (form.target.trim()) filter.target = form.target.trim()
  if (form.outcome) filter.outcome = form.outcome
  if (form.search.trim()) filter.search = form.search.trim()
  return filter
}
