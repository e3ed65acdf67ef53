/**
 * `Date.UTC(year, month - 1, day, hours, minutes, seconds, ms)` for the fields of a timestamp as
 * databases print them (year 100–9999, month 1–12, day 1–31, hours < 24, minutes and seconds < 60,
 * ms < 1000), by arithmetic: about 8 ns where Date.UTC takes about 45, once per timestamp read.
 * Days past the month's end roll over as Date.UTC rolls them. Other fields (or NaN) go to Date.UTC.
 * @internal
 */
export function utcTime(year: number, month: number, day: number, hours: number, minutes: number, seconds: number, ms: number): number {
  if (!(year >= 100 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hours >= 0 && hours < 24 && minutes >= 0 && minutes < 60 && seconds >= 0 && seconds < 60 && ms >= 0 && ms < 1000)) {
    return Date.UTC(year, month - 1, day, hours, minutes, seconds, ms);
  }
  return daysFromCivil(year, month, day) * 86_400_000 + hours * 3_600_000 + minutes * 60_000 + seconds * 1000 + ms;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
