/** `Настройки`: a two-column sheet «Параметр | Значение», read into typed settings with defaults. */
import { dateInZone, isDateValue, isoDate, type IsoDate } from './dates';
import { a1, cellText, type Grid } from './grid';
import type { Problem } from './roadmap-model';

export interface Settings {
  periodStart: IsoDate;
  periodEnd: IsoDate;
  /** «Скоро срок» when due within this many days. */
  soonDays: number;
  /** Overdue longer than this goes to the coordinator too. */
  escalationDays: number;
  /** An unchanged reminder goes again no sooner than this many days after the last one. */
  remindEveryDays: number;
  /** The same for the coordinators' escalation digest. */
  escalateEveryDays: number;
  coordinators: string[];
  /** How schools reach the coordinator (name, phone, email), written at the end of their digests. */
  coordinatorContact: string;
  curators: string[];
  /** Hour (0–23, spreadsheet time zone) of the daily refresh and reminders. */
  reminderHour: number;
  /** ISO weekday of the weekly summary, Monday = 1. */
  summaryWeekday: number;
  mediumRiskFrom: number;
  highRiskFrom: number;
  minRespondents: number;
  /** Repeated Forms submissions (same address, same answers) within this many minutes count once; 0 — never merged. */
  duplicateWindowMinutes: number;
  /** How answers make a score: «все ответы» (mean of all answers) or «по вопросам» (mean of question means). */
  aggregation: Aggregation;
  /** Local host only: the simulated MailApp daily quota. */
  dailyMailQuota: number;
  /** Local host only: SMTP server «host:port»; empty means write .eml files. */
  smtpServer: string;
  smtpUser: string;
  smtpFrom: string;
  /** Time budget of one run of a long job, seconds (Apps Script stops a run at 360). */
  timeBudgetSeconds: number;
  /** Code of the municipality in regional roll-ups; '' means the workbook's (spreadsheet's) name. */
  municipalityCode: string;
}

export const SETTINGS_SHEET = 'Настройки';

/** Values of «Способ агрегации». */
export const AGGREGATIONS = ['все ответы', 'по вопросам'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** Parameter names as they appear in the sheet, with defaults and the note shown to the user. */
export const SETTING_KEYS = {
  periodStart: ['Начало периода', 'Первый день или год дорожной карты, например 2021 или 01.01.2021'],
  periodEnd: ['Конец периода', 'Последний день или год дорожной карты, например 2023 или 31.12.2023'],
  soonDays: ['Дней до срока', 'За сколько дней до срока мероприятие получает статус «Скоро срок»'],
  escalationDays: [
    'Эскалация после дней просрочки',
    'Через сколько дней просрочки напоминание идёт и координатору',
  ],
  remindEveryDays: [
    'Повторять напоминание, дней',
    'Напоминание без изменений приходит снова не раньше, чем через столько дней; новое или изменившееся — сразу',
  ],
  escalateEveryDays: [
    'Повторять эскалацию, дней',
    'Письмо координаторам о давно просроченном без изменений приходит снова не раньше, чем через столько дней',
  ],
  coordinators: ['Координаторы', 'Адреса электронной почты координаторов через запятую'],
  coordinatorContact: [
    'Контакт координатора',
    'Кому школы сообщают о выполнении: имя, телефон, почта; пусто — адреса координаторов',
  ],
  curators: ['Кураторы', 'Адреса электронной почты кураторов через запятую'],
  reminderHour: [
    'Час рассылки',
    'Час (0–23) ежедневного обновления и напоминаний, по часовому поясу таблицы',
  ],
  summaryWeekday: ['День недельной сводки', 'День недели еженедельной сводки: понедельник … воскресенье'],
  mediumRiskFrom: ['Порог среднего риска', 'Балл, с которого риск считается средним (включительно)'],
  highRiskFrom: ['Порог высокого риска', 'Балл, с которого риск считается высоким (включительно)'],
  minRespondents: ['Минимум респондентов', 'Меньше ответивших — «недостаточно данных»'],
  duplicateWindowMinutes: [
    'Окно повторных ответов, мин',
    'Одинаковые ответы с одного адреса, отправленные в пределах стольких минут, учитываются один раз; 0 — не объединять',
  ],
  aggregation: [
    'Способ агрегации',
    '«все ответы» — балл фактора есть среднее всех ответов; «по вопросам» — среднее средних по вопросам',
  ],
  dailyMailQuota: ['Суточная квота писем', 'Только локально: сколько писем в сутки можно отправить'],
  smtpServer: ['SMTP сервер', 'Только локально: сервер «адрес:порт»; пусто — письма сохраняются в папку'],
  smtpUser: [
    'SMTP пользователь',
    'Только локально: имя пользователя SMTP (пароль — в переменной SMTP_PASSWORD)',
  ],
  smtpFrom: ['SMTP отправитель', 'Только локально: адрес отправителя'],
  timeBudgetSeconds: ['Бюджет времени, сек', 'Сколько секунд может идти один запуск долгой задачи'],
  municipalityCode: [
    'Код муниципалитета',
    'Для региональной сводки: код муниципалитета (например, ОКТМО); пусто — имя файла или таблицы',
  ],
} as const satisfies Record<keyof Settings, readonly [string, string]>;

export const WEEKDAYS_RU = [
  'понедельник',
  'вторник',
  'среда',
  'четверг',
  'пятница',
  'суббота',
  'воскресенье',
];

export function defaultSettings(year: number): Settings {
  return {
    periodStart: isoDate(year, 1, 1),
    periodEnd: isoDate(year, 12, 31),
    soonDays: 7,
    escalationDays: 14,
    remindEveryDays: 7,
    escalateEveryDays: 7,
    coordinators: [],
    coordinatorContact: '',
    curators: [],
    reminderHour: 8,
    summaryWeekday: 1,
    mediumRiskFrom: 0.35,
    highRiskFrom: 0.6,
    minRespondents: 5,
    duplicateWindowMinutes: 10,
    aggregation: 'все ответы',
    dailyMailQuota: 100,
    smtpServer: '',
    smtpUser: '',
    smtpFrom: '',
    timeBudgetSeconds: 270,
    municipalityCode: '',
  };
}

/** Display values of the defaults, for createTemplate. */
export function settingsRows(s: Settings): string[][] {
  const show = (k: keyof Settings): string => {
    const v = s[k];
    if (k === 'summaryWeekday') return WEEKDAYS_RU[(v as number) - 1] ?? '';
    if (Array.isArray(v)) return v.join(', ');
    if (k === 'periodStart' || k === 'periodEnd') return String(v).slice(0, 4);
    return String(v);
  };
  return (Object.keys(SETTING_KEYS) as (keyof Settings)[]).map((k) => [
    SETTING_KEYS[k][0],
    show(k),
    SETTING_KEYS[k][1],
  ]);
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  return Number(cellText(v).replace(/\s/g, '').replace(',', '.'));
}

function toDate(v: unknown, timeZone: string, end: boolean): IsoDate | undefined {
  // The calendar day in the spreadsheet's zone, from formatToParts (a formatted string's shape varies by engine).
  if (isDateValue(v)) return dateInZone(v, timeZone);
  const t = cellText(v);
  const year = /^(\d{4})(?:\s*(?:г\.?|год))?$/.exec(t);
  if (year) return end ? isoDate(Number(year[1]), 12, 31) : isoDate(Number(year[1]), 1, 1);
  const dmy = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (dmy) return isoDate(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]));
  return undefined;
}

/**
 * Reads `Настройки`. Unknown rows are left alone (users keep notes there); unreadable values keep the
 * default and give a warning at their cell.
 */
export function readSettings(
  grid: Grid,
  timeZone: string,
  fallbackYear: number,
): { settings: Settings; problems: Problem[] } {
  const s = defaultSettings(fallbackYear);
  const problems: Problem[] = [];
  const byName = new Map<string, keyof Settings>();
  for (const k of Object.keys(SETTING_KEYS) as (keyof Settings)[])
    byName.set(SETTING_KEYS[k][0].toLowerCase(), k);
  grid.forEach((row, i) => {
    const key = byName.get(cellText(row[0]).toLowerCase());
    if (!key) return;
    const raw = row[1] ?? '';
    const text = cellText(raw);
    if (text === '') return;
    const bad = (): void => {
      problems.push({
        severity: 'предупреждение',
        sheet: SETTINGS_SHEET,
        cell: a1(i + 1, 2),
        message: `Не удалось прочитать значение «${text}» параметра «${SETTING_KEYS[key][0]}».`,
        fix: `${SETTING_KEYS[key][1]}. Пока используется значение по умолчанию.`,
      });
    };
    switch (key) {
      case 'periodStart':
      case 'periodEnd': {
        const d = toDate(raw, timeZone, key === 'periodEnd');
        if (d) s[key] = d;
        else bad();
        break;
      }
      case 'coordinators':
      case 'curators':
        s[key] = text.split(/[,;\s]+/).filter((e) => e.includes('@'));
        break;
      case 'summaryWeekday': {
        const n = WEEKDAYS_RU.findIndex((d) => text.toLowerCase().startsWith(d.slice(0, 3)));
        if (n >= 0) s.summaryWeekday = n + 1;
        else if (toNumber(raw) >= 1 && toNumber(raw) <= 7) s.summaryWeekday = toNumber(raw);
        else bad();
        break;
      }
      case 'aggregation': {
        const found = AGGREGATIONS.find((a) => text.toLowerCase().replace(/\s+/g, ' ') === a);
        if (found) s.aggregation = found;
        else bad();
        break;
      }
      case 'coordinatorContact':
      case 'smtpServer':
      case 'smtpUser':
      case 'smtpFrom':
      case 'municipalityCode':
        s[key] = text;
        break;
      default: {
        const n = toNumber(raw);
        if (Number.isFinite(n) && n >= 0) s[key] = n;
        else bad();
      }
    }
  });
  return { settings: s, problems };
}
