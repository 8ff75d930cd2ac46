/** The normalized roadmap: what every job after validation works on. */
import type { Deadline } from './deadline-types';

export type Severity = 'ошибка' | 'предупреждение';

/** A problem found in the user's data, always tied to a cell. */
export interface Problem {
  severity: Severity;
  sheet: string;
  /** A1 address in the user's sheet, e.g. «C14». */
  cell: string;
  message: string;
  /** What the user should do about it. */
  fix: string;
}

export interface Party {
  /** As written in the cell: «ММЦ», «Лаврентьева С.А.». */
  name: string;
  /** Resolved through `Ответственные`; undefined when unknown or without email. */
  email?: string;
}

export interface Activity {
  /** Stable id: section numbering joined with the row's own number, e.g. «2.4.3»; unique in the roadmap. */
  id: string;
  /** The number as written in the row («1.», «3.1», «5»), or ''. */
  number: string;
  /** Section titles from the outermost inwards. */
  sectionPath: string[];
  title: string;
  deadlineText: string;
  deadline: Deadline;
  responsibleText: string;
  responsible: Party[];
  expectedResult: string;
  indicator: string;
  /** Planned value as written («не менее 3», «100%»). */
  planned: string;
  /** Per-year planned values from columns such as «2021 г.»: year → value as written. */
  plannedByYear: Record<string, string>;
  /** Explicit «Фактор риска» column, if the sheet has one. */
  riskFactor: string;
  /** 1-based row of the activity's first row in `Мероприятия`. */
  sourceRow: number;
  /** A1 of the activity's title cell in `Мероприятия`. */
  sourceCell: string;
}

export interface Roadmap {
  activities: Activity[];
  problems: Problem[];
  periodStart: string;
  periodEnd: string;
}
