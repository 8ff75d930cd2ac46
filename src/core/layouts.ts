/**
 * Column headers of the sheets that jobs share. User sheets are read by header name (any order);
 * product sheets are written in exactly this order.
 */
import type { IsoDate } from './dates';
import type { MissedPeriods } from './periods';

/** `Ответственные`: a body or person → email. */
export const RESPONSIBLE_HEADER = ['Код или имя', 'Полное наименование / ФИО', 'Email', 'Роль'] as const;

/** `Школы`: who may report for which school. */
export const SCHOOLS_HEADER = [
  'Код',
  'Полное наименование',
  'Краткое наименование',
  'Отчитывающиеся (email)',
  'Куратор (email)',
] as const;

/** `Отчёты`: one row per accepted report, appended by submitReport. */
export const REPORTS_HEADER = [
  'Время',
  'Пользователь',
  'Школа',
  'ID мероприятия',
  'Период',
  'Статус',
  'Факт',
  'Комментарий',
  'Ссылка',
  'Ключ',
] as const;

/** Statuses a school may report (the sidebar's list). */
export const REPORT_STATUSES = ['Выполнено', 'Частично выполнено', 'В работе', 'Не выполнено'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface Report {
  /** Instant of submission. */
  time: Date;
  user: string;
  /** School code from `Школы`. */
  school: string;
  activityId: string;
  /** Period key for recurring activities («2021-03», «2021-Q1», «2021-H2», «2021», «2021-W05»), else ''. */
  period: string;
  status: ReportStatus;
  fact: string;
  comment: string;
  link: string;
  key: string;
}

/** Statuses computed by refreshStatuses (job 2). */
export const ACTIVITY_STATUSES = [
  'Выполнено',
  'Просрочено',
  'Скоро срок',
  'В работе',
  'Запланировано',
  'Регулярное',
  'Без срока',
] as const;
export type ActivityStatusName = (typeof ACTIVITY_STATUSES)[number];

export interface ActivityStatus {
  status: ActivityStatusName;
  /** Days past due (0 unless overdue). */
  daysOverdue: number;
  /** The next (or the missed) due date, if any. */
  due?: IsoDate;
  /** For recurring activities: the period that ended without a report, in Russian («март 2021»). */
  missingPeriod: string;
  /** The periods behind missingPeriod, for sentences («нет отчётов за 3 месяца (с января 2021 по март 2021)»). */
  missed?: MissedPeriods;
  /**
   * For an overdue activity of several schools: the schools furthest behind when not all are
   * («Крестинская СШ», «Лицей № 2 и ещё 1 школа»); missingPeriod names them too.
   */
  behind?: string;
  /** Short Russian note on the latest report, or ''. */
  lastReport: string;
  /** For an activity several schools must report: each assigned school's own status, by school code. */
  bySchool?: ReadonlyMap<string, ActivityStatus>;
}
