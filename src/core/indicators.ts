/**
 * Indicators (`Показатели`): read the sheet as staff keep it, gather facts from reports and a hand-filled
 * «Факт» column, and say per indicator and year whether the plan is achieved.
 */
import { dateInZone, isDateValue } from './dates';
import {
  formatValue,
  meetsPlan,
  parseIndicatorValue,
  percentAchieved,
  type Direction,
  type IndicatorValue,
} from './indicator-value';
import { a1, cellText, MARKUP_TAG, type CellValue, type Grid } from './grid';
import type { Report } from './layouts';
import type { Problem } from './roadmap-model';

/**
 * How facts add up, across schools and across the periods of a year:
 * - `sum` (counts: schools, events, documents): each school's facts of the year add up (its latest report per
 *   period), and the schools add up;
 * - `mean` (percentages): each school's latest fact in the year, averaged over the schools that reported;
 * - `latest` (yes/no, «наличие»): the latest fact reported by anyone.
 * Inferred from the plan (a «%» unit → mean; «наличие»/«отсутствие» → latest; else sum) unless the sheet's
 * «Подсчёт факта» column says «сумма», «среднее» or «последнее».
 * The whole-period fact is the hand-filled one, else the sum of the years (`sum`) or the latest year's fact.
 */
export type FactRule = 'sum' | 'mean' | 'latest';

/** Ends the name of an example row createTemplate writes: such a row is never counted. */
export const TEMPLATE_EXAMPLE = '(пример)';

export const FACT_RULE_NAMES: Record<FactRule, string> = {
  sum: 'сумма',
  mean: 'среднее',
  latest: 'последнее',
};

/** Key of the whole period in `planned` and `manualFacts` (year keys are 'YYYY'). */
export const WHOLE_PERIOD = '';

export interface Indicator {
  /** 1-based row in the sheet it was read from. */
  row: number;
  sheet: string;
  name: string;
  unit: string;
  /** Activity number or id as written («1.1.» → «1.1»), '' when the row names none. */
  activityId: string;
  /** Activity title when the sheet has one. */
  activity: string;
  /** Section or risk group the indicator belongs to. */
  section: string;
  source: string;
  /** Plans by key: WHOLE_PERIOD or a year «2021». Each keeps its text as written. */
  planned: Record<string, IndicatorValue>;
  /** Facts typed by hand, by key; they take precedence over reports. */
  manualFacts: Record<string, number>;
  rule: FactRule;
  direction: Direction;
  /** The plan came from the indicator's wording («100% ПРШ до 2023 года»), not from a plan column. */
  planFromWording: boolean;
}

export type IndicatorStatus = 'достигнуто' | 'не достигнуто' | 'нет данных';

export interface IndicatorProgress {
  indicator: Indicator;
  /** WHOLE_PERIOD or a year. */
  period: string;
  planned: number | null;
  /** The plan as written («не менее 3»). */
  plannedText: string;
  fact: number | null;
  factSource: 'вручную' | 'отчёты' | '';
  /** Reports behind the fact (after keeping each school's latest per period). */
  reports: number;
  /** Schools behind the fact. */
  schools: number;
  percent: number | null;
  status: IndicatorStatus;
  /** Why there is no status, in Russian, or ''. */
  note: string;
}

type Role =
  | {
      kind:
        | 'number'
        | 'activityId'
        | 'activity'
        | 'indicator'
        | 'result'
        | 'unit'
        | 'section'
        | 'source'
        | 'rule';
    }
  | { kind: 'planned'; key: string }
  | { kind: 'fact'; key: string | undefined };

const norm = (s: string): string =>
  s.toLowerCase().replace(/ё/g, 'е').replace(MARKUP_TAG, ' ').replace(/\s+/g, ' ').trim();

/** What a header cell names. Order matters: «Факт 2021» is a fact, «Плановое значение 2021» a plan for 2021. */
function classify(header: string): Role | undefined {
  const h = norm(header);
  if (h === '') return undefined;
  const year = /(?:^|\D)((?:19|20)\d\d)(?:\D|$)/.exec(h)?.[1];
  if (/подсч|способ/.test(h)) return { kind: 'rule' };
  if (/факт/.test(h)) return { kind: 'fact', key: year };
  if (year) return { kind: 'planned', key: year };
  if (/ед\.? ?изм|единиц/.test(h)) return { kind: 'unit' };
  if (/источник/.test(h)) return { kind: 'source' };
  if (/(?:id|код|№|номер) мероприят/.test(h)) return { kind: 'activityId' };
  if (/показател|индикатор/.test(h)) return { kind: 'indicator' };
  // «Плановое значение», «План», «Целевое значение»; not «Планируемые результаты» (text).
  if (/планов|^план(?:$|[\s.,:])|значени/.test(h)) return { kind: 'planned', key: WHOLE_PERIOD };
  if (/^№|^n$|^номер|п\/п/.test(h)) return { kind: 'number' };
  if (/результат/.test(h)) return { kind: 'result' };
  if (/мероприят|действ|задач/.test(h)) return { kind: 'activity' };
  if (/групп|раздел/.test(h)) return { kind: 'section' };
  return undefined;
}

interface Layout {
  /** 0-based index of the first data row. */
  firstData: number;
  single: Partial<
    Record<
      'number' | 'activityId' | 'activity' | 'indicator' | 'unit' | 'section' | 'source' | 'rule',
      number
    >
  >;
  planned: { col: number; key: string }[];
  facts: { col: number; key: string | undefined }[];
}

const isBlankRow = (row: readonly CellValue[] | undefined): boolean =>
  !row || row.every((v) => cellText(v) === '');

function layoutOf(headers: string[], firstData: number): Layout | undefined {
  const layout: Layout = { firstData, single: {}, planned: [], facts: [] };
  let result: number | undefined;
  headers.forEach((h, col) => {
    const role = classify(h);
    if (!role) return;
    if (role.kind === 'planned') {
      if (!layout.planned.some((p) => p.key === role.key)) layout.planned.push({ col, key: role.key });
    } else if (role.kind === 'fact') layout.facts.push({ col, key: role.key });
    else if (role.kind === 'result') result ??= col;
    else layout.single[role.kind] ??= col;
  });
  if (layout.single.indicator === undefined && result !== undefined) layout.single.indicator = result;
  if (layout.single.indicator === undefined) return undefined;
  return layout;
}

/**
 * A column whose header names no plan but whose cells are plans («Инд икат» over «100%», «25%» in seed 001):
 * not taken by another role, and most of its filled cells short readable numbers.
 */
function valueColumn(grid: Grid, layout: Layout): number | undefined {
  const taken = new Set(Object.values(layout.single));
  const width = Math.max(0, ...grid.slice(layout.firstData).map((r) => r.length));
  for (let c = 0; c < width; c++) {
    if (taken.has(c)) continue;
    const cells = grid
      .slice(layout.firstData)
      .map((r) => r[c] ?? null)
      .filter((v) => cellText(v) !== '');
    const values = cells.filter((v) => {
      const p = parseIndicatorValue(v);
      return cellText(v).length <= 25 && p.readable && p.value !== null;
    });
    if (values.length >= 2 && values.length >= 0.8 * cells.length) return c;
  }
  return undefined;
}

/**
 * Finds the header among the first rows: the first row naming an indicator (or result) column and at least
 * two other known columns. A second header row below it («наименование | плановое значение | 2020 г.»
 * under merged «Результат…» and «Срок реализации, годы») is merged into it, and a row of column numbers
 * «1 2 3 …» is skipped.
 */
function findLayout(grid: Grid): Layout | undefined {
  const limit = Math.min(grid.length, 15);
  for (let r = 0; r < limit; r++) {
    const upper = (grid[r] ?? []).map((v) => cellText(v));
    const roles = upper.map(classify).filter((x) => x !== undefined);
    if (roles.length < 3 || !roles.some((x) => x.kind === 'indicator' || x.kind === 'result')) continue;
    let headers = upper;
    let next = r + 1;
    const lower = (grid[next] ?? []).map((v) => cellText(v));
    const lowerRoles = lower.map(classify).filter((x) => x !== undefined);
    if (
      cellText(lower[0]) === '' &&
      lowerRoles.length >= 2 &&
      !lower.some((t) => /^\d+([.,]\d+)?$/.test(t))
    ) {
      let carried = '';
      headers = Array.from({ length: Math.max(upper.length, lower.length) }, (_, c) => {
        const top = upper[c] ?? '';
        if (top !== '') carried = top;
        const above = top !== '' ? top : (lower[c] ?? '') !== '' ? carried : '';
        return `${above} ${lower[c] ?? ''}`.trim();
      });
      next++;
    }
    const numbers = (grid[next] ?? []).map((v) => cellText(v)).filter((t) => t !== '');
    if (numbers.length >= 3 && numbers.every((t, i) => t === String(i + 1))) next++;
    const layout = layoutOf(headers, next);
    if (layout && layout.planned.length === 0) {
      const col = valueColumn(grid, layout);
      if (col !== undefined) layout.planned.push({ col, key: WHOLE_PERIOD });
    }
    return layout;
  }
  return undefined;
}

/**
 * Numbers in an indicator's wording are often part of what it describes («педагоги до 35 лет», «Интернет не
 * менее 1 Мбит/сек»); only percentages, yes/no wording, «с X до Y» and counts written «3-х» are taken as plans.
 */
function planLikeWording(v: IndicatorValue): boolean {
  return (
    v.unit === '%' ||
    v.presence ||
    v.from !== undefined ||
    /\d\s*-\s*(?:х|ти|и|ми|ух|ех)(?=[^а-яё]|$)/i.test(v.text)
  );
}

const activityKey = (s: string): string => s.trim().replace(/\s+/g, '').replace(/\.+$/, '');
const SECTION_NUMBER = /^(?:\d+\.?|[IVXLC]+\.?)(?:\s|$)/;
const RULES: Record<string, FactRule> = { сумма: 'sum', среднее: 'mean', последнее: 'latest' };

export interface ReadIndicatorsOptions {
  /** Sheet name for cell addresses in problems. */
  sheet: string;
  /** The calendar year today (spreadsheet time zone): a «Факт» column without a year means it when plans are per year. */
  currentYear: number;
  /** Display values of the same range: a number shown as «85%» is read as 85 %. */
  display?: string[][];
  /** Read only rows that carry a planned value (when reading `Мероприятия`, whose rows are activities first). */
  requirePlan?: boolean;
}

const PLAN_FIX =
  'Впишите одно значение: число («3», «1,5»), процент («100%») или с условием («не менее 3», «не более 5%», «до 15%»); «—», если значения нет.';

/**
 * Reads an indicator table: `Показатели` as staff keep it (any column order, header synonyms, per-year
 * plan columns «2020 г.», «2021», a «Факт»/«Факт 2021» column, two-row headers, a row of column numbers,
 * section rows, rows broken across a page) or as `roadmap500 import` writes it. Each plan cell that cannot be
 * read is a warning at its cell; a row with no plan column filled takes its plan from its wording
 * («в 100% ПРШ … до 2023 года» → 100 % for 2023). The template's example rows (`TEMPLATE_EXAMPLE`) are
 * counted in `examples` and a warning each, never read as indicators.
 */
export function readIndicators(
  grid: Grid,
  opts: ReadIndicatorsOptions,
): { indicators: Indicator[]; problems: Problem[]; examples: number } {
  const indicators: Indicator[] = [];
  const problems: Problem[] = [];
  let examples = 0;
  const layout = findLayout(grid);
  if (!layout) return { indicators, problems, examples };
  const { single } = layout;
  const text = (row: readonly CellValue[], col: number | undefined): string =>
    col === undefined ? '' : cellText(row[col]).replace(/\s+/g, ' ');
  const cellValue = (r: number, c: number): unknown => {
    const raw = grid[r]?.[c] ?? null;
    const shown = opts.display?.[r]?.[c];
    // A cell formatted as percent holds 0.85 and shows «85%»: the user means what they see.
    if (typeof raw === 'number' && shown !== undefined && shown.includes('%')) return shown;
    if (isDateValue(raw) && shown !== undefined) return shown;
    return raw;
  };
  let section = '';
  let previous: Indicator | undefined;
  for (let r = layout.firstData; r < grid.length; r++) {
    const row = grid[r] ?? [];
    if (isBlankRow(row)) continue;
    if (row.every((v) => /^[-–—=_\s]*$/.test(cellText(v)))) continue;
    const number = text(row, single.number);
    // «№ п/п» numbers the activity in an activity table (seed 000), but the indicator itself in a table of
    // indicators only (seed 001): then it links to no activity.
    const activityId = text(row, single.activityId) || (single.activity !== undefined ? number : '');
    const name = text(row, single.indicator);
    const filledPlans = layout.planned.filter((p) => cellText(row[p.col]) !== '');
    const filledFacts = layout.facts.filter((f) => cellText(row[f.col]) !== '');
    const activity = text(row, single.activity);
    const sectionCell = text(row, single.section);
    if (sectionCell !== '') section = sectionCell;
    if (name.endsWith(TEMPLATE_EXAMPLE)) {
      examples += 1;
      problems.push({
        severity: 'предупреждение',
        sheet: opts.sheet,
        cell: a1(r + 1, (single.indicator ?? 0) + 1),
        message: `«${name}» — строка-пример из шаблона: показатель не учитывается.`,
        fix: 'Замените пример показателем своей дорожной карты или удалите строку.',
      });
      previous = undefined;
      continue;
    }

    if (filledPlans.length === 0 && filledFacts.length === 0) {
      // A row broken across a page continues the row above: no number, no values, only text.
      if (
        previous &&
        single.number !== undefined &&
        number === '' &&
        name === '' &&
        activity !== '' &&
        sectionCell === ''
      ) {
        previous.activity = `${previous.activity} ${activity}`;
        continue;
      }
      // A section row: a number with a title and nothing else, or one long title in the first column.
      if (
        name === '' &&
        (SECTION_NUMBER.test(number) || single.number === undefined) &&
        (activity !== '' || number.length > 6)
      ) {
        section = activity !== '' ? `${number} ${activity}`.trim() : number;
        previous = undefined;
        continue;
      }
      if (opts.requirePlan || name === '') continue;
    }

    const planned: Record<string, IndicatorValue> = {};
    // The same unreadable text in the total and per-year columns is one warning, at its first cell.
    const unreadable = new Map<string, { reason: string; cells: string[] }>();
    for (const p of filledPlans) {
      const v = parseIndicatorValue(cellValue(r, p.col));
      const cell = a1(r + 1, p.col + 1);
      if (!v.readable) {
        const seen = unreadable.get(v.text);
        if (seen) seen.cells.push(cell);
        else unreadable.set(v.text, { reason: v.reason, cells: [cell] });
      } else if (v.value !== null) planned[p.key] = v;
    }
    for (const [value, { reason, cells }] of unreadable) {
      const also = cells.length > 1 ? ` (также в ${cells.slice(1).join(', ')})` : '';
      problems.push({
        severity: 'предупреждение',
        sheet: opts.sheet,
        cell: cells[0],
        message: `Не удалось прочитать плановое значение «${value}»${also} показателя «${name || activity}»: ${reason}.`,
        fix: PLAN_FIX,
      });
    }
    let planFromWording = false;
    if (filledPlans.length === 0 && name !== '') {
      const v = parseIndicatorValue(name);
      if (v.readable && v.value !== null && planLikeWording(v)) {
        planned[v.year ?? WHOLE_PERIOD] = v;
        planFromWording = true;
      }
    }
    const plans = Object.values(planned);
    if (opts.requirePlan && plans.length === 0) continue;
    const direction = plans.find((p) => p.direction !== 'exact')?.direction ?? 'exact';
    const unit = text(row, single.unit) || (plans.find((p) => p.unit !== '')?.unit ?? '');
    const ruleText = norm(text(row, single.rule));
    const rule: FactRule =
      RULES[ruleText] ??
      (plans.some((p) => p.presence)
        ? 'latest'
        : unit === '%' || unit.startsWith('процент')
          ? 'mean'
          : 'sum');

    const indicator: Indicator = {
      row: r + 1,
      sheet: opts.sheet,
      name: name || activity,
      unit,
      activityId: activityKey(activityId),
      activity,
      section,
      source: text(row, single.source),
      planned,
      manualFacts: {},
      rule,
      direction,
      planFromWording,
    };
    for (const f of filledFacts) {
      const v = parseIndicatorValue(cellValue(r, f.col));
      const key =
        f.key ??
        (WHOLE_PERIOD in planned || layout.planned.every((p) => p.key === WHOLE_PERIOD)
          ? WHOLE_PERIOD
          : String(opts.currentYear));
      if (v.readable && v.value !== null) indicator.manualFacts[key] = v.value;
      else if (!v.readable) {
        problems.push({
          severity: 'предупреждение',
          sheet: opts.sheet,
          cell: a1(r + 1, f.col + 1),
          message: `Не удалось прочитать факт «${v.text}» показателя «${indicator.name}»: ${v.reason}.`,
          fix: 'Впишите одно число или процент, например «3» или «85%».',
        });
      }
    }
    indicators.push(indicator);
    previous = indicator;
  }
  return { indicators, problems, examples };
}

interface Fact {
  value: number;
  time: number;
  school: string;
  period: string;
  year: string;
}

/** The year a report counts for: its period's year («2021-Q1» → 2021), else the day it was sent. */
function reportYear(report: Report, timeZone: string): string | undefined {
  const m = /^(\d{4})/.exec(report.period);
  if (m) return m[1];
  const t = report.time.getTime();
  return Number.isNaN(t) ? undefined : dateInZone(report.time, timeZone).slice(0, 4);
}

/** Combines facts by the rule; `facts` are one per school and period already. */
function combine(facts: Fact[], rule: FactRule): number | null {
  if (facts.length === 0) return null;
  const latest = (xs: Fact[]): Fact =>
    xs.reduce((a, b) => (b.period > a.period || (b.period === a.period && b.time >= a.time) ? b : a));
  if (rule === 'latest') return facts.reduce((a, b) => (b.time >= a.time ? b : a)).value;
  const bySchool = new Map<string, Fact[]>();
  for (const f of facts) {
    const list = bySchool.get(f.school);
    if (list) list.push(f);
    else bySchool.set(f.school, [f]);
  }
  const perSchool = [...bySchool.values()].map((xs) =>
    rule === 'sum' ? xs.reduce((s, f) => s + f.value, 0) : latest(xs).value,
  );
  const total = perSchool.reduce((s, v) => s + v, 0);
  return rule === 'sum' ? total : Math.round((total / perSchool.length) * 10) / 10;
}

export interface ProgressOptions {
  timeZone: string;
}

/**
 * Progress of every indicator: one row per year that has a plan or a hand-filled fact, and one for the whole
 * period when it has a plan. Facts come from the hand-filled «Факт» column when given, else from reports of
 * the indicator's activity (each school's latest report per period counts; unreadable facts are ignored),
 * combined by the indicator's `FactRule`.
 */
export function indicatorProgress(
  indicators: readonly Indicator[],
  reports: readonly Report[],
  opts: ProgressOptions,
): IndicatorProgress[] {
  const byActivity = new Map<string, Fact[]>();
  const latestPerPeriod = new Map<string, Fact>();
  for (const r of reports) {
    const v = parseIndicatorValue(r.fact);
    const year = reportYear(r, opts.timeZone);
    if (!v.readable || v.value === null || year === undefined) continue;
    const fact: Fact = {
      value: v.value,
      time: r.time.getTime() || 0,
      school: r.school,
      period: r.period || year,
      year,
    };
    const id = activityKey(r.activityId);
    const key = `${id}\u0000${r.school}\u0000${fact.period}`;
    const seen = latestPerPeriod.get(key);
    if (!seen || fact.time >= seen.time) latestPerPeriod.set(key, fact);
  }
  for (const [key, fact] of latestPerPeriod) {
    const id = key.slice(0, key.indexOf('\u0000'));
    const list = byActivity.get(id);
    if (list) list.push(fact);
    else byActivity.set(id, [fact]);
  }

  const out: IndicatorProgress[] = [];
  for (const ind of indicators) {
    const facts = ind.activityId === '' ? [] : (byActivity.get(ind.activityId) ?? []);
    const yearKeys = new Set(
      [...Object.keys(ind.planned), ...Object.keys(ind.manualFacts)].filter((k) => k !== WHOLE_PERIOD),
    );
    const years = [...yearKeys].sort();
    const factOfYear = (
      year: string,
    ): { fact: number | null; source: IndicatorProgress['factSource']; used: Fact[] } => {
      const manual = ind.manualFacts[year];
      if (manual !== undefined) return { fact: manual, source: 'вручную', used: [] };
      const used = facts.filter((f) => f.year === year);
      const fact = combine(used, ind.rule);
      return { fact, source: fact === null ? '' : 'отчёты', used };
    };
    const row = (
      period: string,
      fact: { fact: number | null; source: IndicatorProgress['factSource']; used: Fact[] },
    ): IndicatorProgress => {
      const plan = ind.planned[period];
      const direction = plan && plan.direction !== 'exact' ? plan.direction : ind.direction;
      const planned = plan?.value ?? null;
      const base = {
        indicator: ind,
        period,
        planned,
        // A plan read from a long wording is shown compactly; one typed in a plan cell, as typed.
        plannedText: plan ? (ind.planFromWording ? formatValue(plan) : plan.text) : '',
        fact: fact.fact,
        factSource: fact.source,
        reports: fact.used.length,
        schools: new Set(fact.used.map((f) => f.school)).size,
      };
      if (planned === null)
        return { ...base, percent: null, status: 'нет данных', note: 'нет планового значения' };
      if (fact.fact === null)
        return {
          ...base,
          percent: null,
          status: 'нет данных',
          note: 'нет факта: ни отчётов, ни значения в столбце «Факт»',
        };
      return {
        ...base,
        percent: percentAchieved(planned, fact.fact, direction),
        status: meetsPlan(planned, fact.fact, direction) ? 'достигнуто' : 'не достигнуто',
        note: '',
      };
    };
    const yearRows = years.map((y) => row(y, factOfYear(y)));
    out.push(...yearRows);
    if (WHOLE_PERIOD in ind.planned || years.length === 0) {
      const manual = ind.manualFacts[WHOLE_PERIOD];
      let whole: { fact: number | null; source: IndicatorProgress['factSource']; used: Fact[] };
      if (manual !== undefined) whole = { fact: manual, source: 'вручную', used: [] };
      else if (years.length > 0 && yearRows.some((y) => y.fact !== null)) {
        const known = yearRows.filter((y) => y.fact !== null);
        const fact =
          ind.rule === 'sum'
            ? known.reduce((s, y) => s + (y.fact ?? 0), 0)
            : (known[known.length - 1]?.fact ?? null);
        whole = {
          fact,
          source: known.some((y) => y.factSource === 'отчёты') ? 'отчёты' : 'вручную',
          used: facts.filter((f) => years.includes(f.year)),
        };
      } else {
        const fact = combine(facts, ind.rule);
        whole = { fact, source: fact === null ? '' : 'отчёты', used: facts };
      }
      out.push(row(WHOLE_PERIOD, whole));
    }
  }
  return out;
}

export interface IndicatorSummary {
  year: string;
  achieved: number;
  notAchieved: number;
  noData: number;
  /** Names of the indicators not achieved this year, for a short list. */
  notAchievedNames: string[];
  /** Russian lines for the weekly summary. */
  lines: string[];
}

/**
 * Counts for the weekly summary: the year's rows (and whole-period rows of indicators with no plan per year).
 */
export function summarizeIndicators(progress: readonly IndicatorProgress[], year: number): IndicatorSummary {
  const y = String(year);
  const perYear = new Set(progress.filter((p) => p.period !== WHOLE_PERIOD).map((p) => p.indicator));
  const rows = progress.filter(
    (p) => p.period === y || (p.period === WHOLE_PERIOD && !perYear.has(p.indicator)),
  );
  const count = (s: IndicatorStatus): number => rows.filter((p) => p.status === s).length;
  const notAchievedNames = rows.filter((p) => p.status === 'не достигнуто').map((p) => p.indicator.name);
  const summary = {
    year: y,
    achieved: count('достигнуто'),
    notAchieved: count('не достигнуто'),
    noData: count('нет данных'),
    notAchievedNames,
  };
  const lines =
    rows.length === 0
      ? []
      : [
          `Показатели ${y} года: достигнуто ${summary.achieved} из ${rows.length}, не достигнуто ${summary.notAchieved}, нет данных ${summary.noData}.`,
          ...notAchievedNames.slice(0, 10).map((n) => `— не достигнуто: ${n}`),
        ];
  return { ...summary, lines };
}

/** Label of a period key for people: «2021» or «весь период». */
export function periodLabel(period: string): string {
  return period === WHOLE_PERIOD ? 'весь период' : period;
}
