/** The parsed form of a Russian deadline phrase (see shared/domain/deadlines.md). */
import type { IsoDate } from './dates';

export type DeadlineKind =
  | 'date' // «25.11.2021»
  | 'by-date' // «До 01.04.2021», «до января 2021г.»
  | 'month' // «апрель», «Апрель 2022 г.»
  | 'month-range' // «Март – август 2021»
  | 'several' // «25.11.2021 27.01.2022 29.03.2022»
  | 'quarter' // «3 квартал»
  | 'half-year' // «II полугодие»
  | 'year' // «2021 год»
  | 'school-year' // «2020-2021 уч.г.», «в течение 2020-2023гг.»
  | 'from' // «с ноября 2020г.»
  | 'recurring' // «ежеквартально», «По вторникам 1 раз в неделю»
  | 'ongoing' // «постоянно», «в течение года»
  | 'external' // «По графику ФИОКО»
  | 'empty' // «»
  | 'unknown'; // «скоро»

export type RecurrenceUnit = 'day' | 'week' | 'month' | 'quarter' | 'half-year' | 'year';

export interface Recurrence {
  unit: RecurrenceUnit;
  /** Every `interval` units: «1 раз в 2 недели» → 2, «1 раз в 3 года» → 3. */
  interval: number;
  /** Events per period: «2 раза в год» → 2. */
  timesPerPeriod: number;
  /** ISO weekday (Monday = 1) for «по вторникам». */
  weekday?: number;
}

export interface DeadlineIssue {
  severity: 'ошибка' | 'предупреждение';
  message: string;
}

export interface Deadline {
  kind: DeadlineKind;
  /** The phrase as written. */
  text: string;
  /** First day the activity may start, if the phrase says. */
  start?: IsoDate;
  /** Last day of the range the phrase covers, if bounded. */
  end?: IsoDate;
  /** Due dates, ascending (one per event for 'several'; empty for ongoing/external/recurring). */
  due: IsoDate[];
  recurrence?: Recurrence;
  /** Whose schedule sets the date: «ФИОКО», «ИРО», or '' for a bare «по графику». */
  schedule?: string;
  issues: DeadlineIssue[];
}

/** Where a phrase without a year takes its year from: the roadmap's period. */
export interface DeadlineContext {
  periodStart: IsoDate;
  periodEnd: IsoDate;
  /** Year used for «апрель», «3 квартал» when the phrase gives none. */
  defaultYear: number;
}
