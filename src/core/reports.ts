/** Reads the `Отчёты` grid (appended by submitReport, sometimes edited by hand) into reports, tolerant of blanks. */
import { dateInZone, isDateValue, isValidDate } from './dates';
import { a1, cellText, type Grid } from './grid';
import { REPORT_STATUSES, REPORTS_HEADER, type Report, type ReportStatus } from './layouts';
import { SHEETS, STATUS_MSG } from './messages';
import { periodKeyOf } from './periods';
import type { Problem } from './roadmap-model';
import { displayName, SchoolMatcher, type School } from './schools';
import { wallTimeToInstant } from './zone-dates';

type Field =
  'time' | 'user' | 'school' | 'activityId' | 'period' | 'status' | 'fact' | 'comment' | 'link' | 'key';
const FIELDS: readonly Field[] = [
  'time',
  'user',
  'school',
  'activityId',
  'period',
  'status',
  'fact',
  'comment',
  'link',
  'key',
];

const normalize = (s: string): string =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s.]+/g, ' ')
    .trim();
const STATUS_BY_TEXT = new Map<string, ReportStatus>(REPORT_STATUSES.map((s) => [normalize(s), s]));

/** Column of each field: by header name when the first row is the header, else the contract's order. */
function columns(header: readonly unknown[]): { col: Record<Field, number>; hasHeader: boolean } {
  const names = header.map((v) => normalize(cellText(v)));
  const col = {} as Record<Field, number>;
  let found = 0;
  FIELDS.forEach((f, i) => {
    const at = names.indexOf(normalize(REPORTS_HEADER[i]));
    col[f] = at >= 0 ? at : i;
    if (at >= 0) found++;
  });
  return { col, hasHeader: found >= 3 };
}

/** «05.04.2021 10:30[:15]» or «2021-04-05 10:30», read as wall-clock time in the spreadsheet's zone. */
function parseTime(text: string, timeZone: string): Date | undefined {
  const m =
    /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text) ??
    /^(\d{4})-(\d{2})-(\d{2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) return undefined;
  const n = m.slice(1).map((x) => Number(x ?? 0));
  const [y, mo, d] = n[0] > 31 ? [n[0], n[1], n[2]] : [n[2], n[1], n[0]];
  if (!isValidDate(y, mo, d)) return undefined;
  return wallTimeToInstant(Date.UTC(y, mo - 1, d, n[3], n[4], n[5]), timeZone);
}

/**
 * An activity id as people copy it from a letter or the roadmap: «1.2.», «п. 1.2», «№ 1.2», « 1.2 » → «1.2»
 * (the district's letters print «• 1.2. Мониторинг…»).
 */
export function activityIdOf(text: string): string {
  return text
    .trim()
    .replace(/^(?:п\.|пункт|№)\s*/i, '')
    .replace(/\s+/g, '')
    .replace(/\.+$/, '');
}

/** How many schools a «Школа» warning lists as examples of what to write. */
const SCHOOLS_SHOWN = 5;

/**
 * Reads the «Школа» cell as the code of one school of `Школы` — by code, short or full name, as SchoolMatcher
 * finds them — or says why it cannot: [message, fix]. An empty cell is the coordinator's own report and stays
 * empty; without a list of schools the cell is kept as typed.
 */
export function schoolReader(
  schools: readonly School[] | undefined,
): (text: string) => string | [string, string] {
  if (!schools || schools.length === 0) return (text) => text;
  const matcher = new SchoolMatcher(schools);
  const byCode = new Map(schools.map((s) => [s.code.trim().toLowerCase(), s]));
  const fix = (candidates: readonly School[]): string =>
    STATUS_MSG.reportSchoolFix(
      candidates.slice(0, SCHOOLS_SHOWN).map((s) => `«${s.code}» (${displayName(s)})`),
      candidates.length - SCHOOLS_SHOWN,
    );
  return (text) => {
    if (text === '') return '';
    // A code as the form writes it wins over a name another school may share.
    const byItsCode = byCode.get(text.trim().toLowerCase());
    const found = byItsCode ? [byItsCode] : matcher.match(text);
    if (found.length === 1) return found[0].code;
    return found.length === 0
      ? [STATUS_MSG.reportUnknownSchool(text), fix(schools)]
      : [STATUS_MSG.reportAmbiguousSchool(text), fix(found)];
  };
}

/** Why a row is not counted: the field to point at, the message and what to do; undefined when it is. */
function refusal(
  get: (f: Field) => string,
  activityId: string,
  status: ReportStatus | undefined,
  knownIds: ReadonlySet<string> | undefined,
): [Field, string, string] | undefined {
  if (activityId === '') return ['activityId', STATUS_MSG.reportNoActivity, STATUS_MSG.reportNoActivityFix];
  if (knownIds && !knownIds.has(activityId)) {
    const example = knownIds.values().next().value ?? '1.2';
    return [
      'activityId',
      STATUS_MSG.reportUnknownActivity(get('activityId')),
      STATUS_MSG.reportUnknownActivityFix(example),
    ];
  }
  if (!status)
    return [
      'status',
      STATUS_MSG.reportBadStatus(get('status')),
      STATUS_MSG.reportBadStatusFix(REPORT_STATUSES),
    ];
  return undefined;
}

/**
 * The reports of `Отчёты` in row (= submission) order. Blank rows are skipped silently; a row without
 * an activity id, with an id the roadmap lacks (when `knownIds` is given) or with an unknown status is
 * skipped with a warning at its cell. Ids and period keys are normalized («п. 1.2.» → «1.2», «март 2021» →
 * «2021-03»); a period that cannot be read is kept as typed, with a warning (no period counts it); a
 * time that is missing or unreadable gives an invalid Date. With `schools` (those of `Школы`), the school is
 * stored as its code whether the row names it by code or name; a row naming no school or several is
 * skipped with a warning at its cell, as is one the roadmap lacks.
 */
export function readReports(
  grid: Grid,
  timeZone: string,
  knownIds?: ReadonlySet<string>,
  schools?: readonly School[],
): { reports: Report[]; problems: Problem[] } {
  const reports: Report[] = [];
  const problems: Problem[] = [];
  if (grid.length === 0) return { reports, problems };
  const { col, hasHeader } = columns(grid[0] ?? []);
  const warn = (row: number, field: Field, message: string, fix: string): void => {
    problems.push({
      severity: 'предупреждение',
      sheet: SHEETS.reports,
      cell: a1(row, col[field] + 1),
      message,
      fix,
    });
  };
  const schoolOf = schoolReader(schools);
  for (let i = hasHeader ? 1 : 0; i < grid.length; i++) {
    const row = grid[i] ?? [];
    const get = (f: Field): string => cellText(row[col[f]]);
    if (FIELDS.every((f) => get(f) === '')) continue;
    const activityId = activityIdOf(get('activityId'));
    const status = STATUS_BY_TEXT.get(normalize(get('status')));
    const refused = refusal(get, activityId, status, knownIds);
    if (refused || !status) {
      if (refused) warn(i + 1, ...refused);
      continue;
    }
    const school = schoolOf(get('school'));
    if (typeof school !== 'string') {
      warn(i + 1, 'school', ...school);
      continue;
    }
    const rawTime = row[col.time];
    const time = isDateValue(rawTime) ? rawTime : (parseTime(get('time'), timeZone) ?? new Date(Number.NaN));
    // «март 2024» or «25.11.2024» typed into a cell arrives as a Date: its calendar date in the zone.
    const rawPeriod = row[col.period];
    const period = isDateValue(rawPeriod) ? dateInZone(rawPeriod, timeZone) : get('period');
    const key = periodKeyOf(period);
    if (period !== '' && key === undefined)
      warn(i + 1, 'period', STATUS_MSG.reportBadPeriod(period), STATUS_MSG.reportBadPeriodFix);
    reports.push({
      time,
      user: get('user'),
      school,
      activityId,
      period: key ?? period,
      status,
      fact: get('fact'),
      comment: get('comment'),
      link: get('link'),
      key: get('key'),
    });
  }
  return { reports, problems };
}
