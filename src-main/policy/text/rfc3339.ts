/**
 * Go `time.Parse(time.RFC3339, s)` (§10.4): the fast RFC 3339 path plus Go's general layout parser
 * it falls back to, so a one-digit hour and a `.`/`,` fraction are accepted; the zone must be `Z` or
 * `±hh:mm`; out-of-range fields fail. Returns an instant (seconds since the epoch + nanoseconds).
 */

export interface Instant {
  seconds: number
  nanos: number
}

// YYYY-MM-DDTH[H]:MM:SS[(.|,)digits](Z|±HH:MM)
const RFC3339 = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:[.,]([0-9]+))?(?:(Z)|([+-])([0-9]{2}):([0-9]{2}))$/

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
}

function daysIn(month: number, year: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number
}

/** Days from 1970-01-01 to the civil date (proleptic Gregorian; works for years 0–9999). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146097 + dayOfEra - 719468
}

/** Parses like Go's time.Parse(time.RFC3339, ...); undefined when Go would return an error. */
export function parseRfc3339(text: string): Instant | undefined {
  const match = RFC3339.exec(text)
  if (match === null) return undefined
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number]
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined
  let offset = 0
  if (match[8] === undefined) {
    const zoneHours = Number(match[10])
    const zoneMinutes = Number(match[11])
    // Go's general parser tolerates offsets up to 24:60 (it tests with >, not >=).
    if (zoneHours > 24 || zoneMinutes > 60) return undefined
    offset = (zoneHours * 60 + zoneMinutes) * 60 * (match[9] === '-' ? -1 : 1)
  }
  const fraction = (match[7] ?? '').slice(0, 9).padEnd(9, '0')
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset
  return { seconds, nanos: Number(fraction) }
}

/** -1, 0 or 1 as instant a is before, equal to or after instant b. */
export function compareInstants(a: Instant, b: Instant): number {
  if (a.seconds !== b.seconds) return a.seconds < b.seconds ? -1 : 1
  return a.nanos === b.nanos ? 0 : a.nanos < b.nanos ? -1 : 1
}

/**
 * Go `t.Format(time.RFC3339)` of a value parseRfc3339 accepted: whole seconds, the written zone
 * (`Z` for a zero offset). MinIO uses it in a date condition's String(), so two values that differ
 * only below a second compare EQUAL when MinIO drops duplicate statements.
 */
export function formatRfc3339Seconds(text: string): string | undefined {
  const match = RFC3339.exec(text)
  if (match === null) return undefined
  const [year, month, day, hour, minute, second] = match.slice(1, 7) as [string, string, string, string, string, string]
  const isZero = match[8] !== undefined || (Number(match[10]) === 0 && Number(match[11]) === 0)
  const zone = isZero ? 'Z' : `${match[9]}${match[10]}:${match[11]}`
  return `${year}-${month}-${day}T${hour.padStart(2, '0')}:${minute}:${second}${zone}`
}
