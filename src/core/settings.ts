/** `Настройки`: a two-column sheet «Параметр | Значение», read into typed settings with defaults. */
import { dateInZone, formatRu, isDateValue, isoDate, noSuchDateReason, type IsoDate } from './dates';
import { a1, cellText, type Grid } from './grid';
import type { Problem, Severity } from './roadmap-model';

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
  return (Object.keys(SETTING_KEYS) as (keyof Settings)[]).map((k) => [
    SETTING_KEYS[k][0],
    shown(s, k),
    SETTING_KEYS[k][1],
  ]);
}

/** A number as typed: «0,6», «1 000»; NaN when the text is not one. */
function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  const t = cellText(v).replace(/\s/g, '').replace(',', '.');
  return t === '' ? NaN : Number(t);
}

/** A value read from a cell, or why it cannot be used and what to write instead. */
type Read<T> = { value: T } | { why: string; write: string; severity?: Severity };

const periodHint = (end: boolean): string =>
  `Напишите дату, которая есть в календаре, например ${end ? '31.08.2025' : '01.09.2024'}, или год, например ${end ? 2025 : 2024}`;

function readDate(v: unknown, timeZone: string, end: boolean): Read<IsoDate> {
  // The calendar day in the spreadsheet's zone, from formatToParts (a formatted string's shape varies by engine).
  if (isDateValue(v)) return { value: dateInZone(v, timeZone) };
  const t = cellText(v);
  const year = /^(\d{4})(?:\s*(?:г\.?|год))?$/.exec(t);
  if (year) return { value: end ? isoDate(Number(year[1]), 12, 31) : isoDate(Number(year[1]), 1, 1) };
  const dmy = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (!dmy) return { why: 'это не дата и не год', write: periodHint(end) };
  const [y, m, d] = [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])];
  // An impossible day is an error, never moved to a neighbouring one (domain/deadlines.md).
  const reason = noSuchDateReason(y, m, d);
  if (reason) return { why: `такой даты нет (${reason})`, write: periodHint(end), severity: 'ошибка' };
  return { value: isoDate(y, m, d) };
}

const hourFormatters = new Map<string, Intl.DateTimeFormat>();

/** Hour and minute of a time cell (a Date on 30.12.1899) as the spreadsheet zone shows it. */
function wallTime(instant: Date, timeZone: string): string {
  let f = hourFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    hourFormatters.set(timeZone, f);
  }
  return f.format(instant);
}

function readHour(v: unknown, timeZone: string): Read<number> {
  const write = 'Напишите час от 0 до 23, например 8 или 08:00 (рассылка идёт в начале часа)';
  const t = isDateValue(v) ? wallTime(v, timeZone) : cellText(v);
  const m = /^(\d{1,2})(?:[:.]00)?(?:\s*ч\.?)?$/.exec(t);
  const hour = m ? Number(m[1]) : typeof v === 'number' ? v : NaN;
  if (Number.isInteger(hour) && hour >= 0 && hour <= 23) return { value: hour };
  return { why: 'час должен быть целым числом от 0 до 23', write };
}

const WEEKDAY_SHORT = ['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс'];

function readWeekday(text: string): Read<number> {
  const t = text.toLowerCase().replace(/\.$/, '');
  const n = WEEKDAYS_RU.findIndex(
    (d, i) => t === WEEKDAY_SHORT[i] || (t.length >= 3 && d.startsWith(t.slice(0, 3)) && /^[а-яё]+$/.test(t)),
  );
  if (n >= 0) return { value: n + 1 };
  if (/^[1-7]$/.test(t)) return { value: Number(t) };
  return {
    why: 'это не день недели',
    write: 'Напишите день недели, например «пятница» или «пт», или его номер 1–7 (1 — понедельник)',
  };
}

/** A risk threshold: a share of 1 («0,6») or per cent («60%»). */
function readShare(text: string): Read<number> {
  const percent = /^(.*?)\s*%$/.exec(text);
  const n = toNumber(percent ? percent[1] : text) / (percent ? 100 : 1);
  if (Number.isFinite(n) && n >= 0 && n <= 1) return { value: n };
  return {
    why: 'порог — балл от 0 до 1',
    write: 'Напишите долю от 0 до 1 или проценты, например 0,6 или 60%',
  };
}

function readCount(raw: unknown, min: number): Read<number> {
  const n = toNumber(raw);
  if (Number.isInteger(n) && n >= min) return { value: n };
  return {
    why: `нужно целое число не меньше ${min}`,
    write: `Напишите целое число не меньше ${min}, например ${min > 0 ? 60 : 7}`,
  };
}

function readEmails(text: string): { value: string[]; others: string[] } {
  const words = text.split(/[,;\s]+/).filter((w) => w !== '');
  const value = words.filter((w) => w.includes('@'));
  return { value, others: words.filter((w) => !w.includes('@')) };
}

const decimal = (n: number): string => String(n).replace('.', ',');

/** How a value shows in the sheet (weekday by name, period by year). */
function shown(s: Settings, k: keyof Settings): string {
  const v = s[k];
  if (k === 'summaryWeekday') return WEEKDAYS_RU[(v as number) - 1] ?? '';
  if (Array.isArray(v)) return v.join(', ');
  if (k === 'periodStart' || k === 'periodEnd') return String(v).slice(0, 4);
  return String(v);
}

/**
 * Reads `Настройки`. Unknown rows are left alone (users keep notes there); a value that cannot be used
 * keeps the default and gives a warning at its cell saying what to write (an impossible date: an error);
 * `unusable` has those problems by setting, for jobs that tell what they used instead.
 */
export function readSettings(
  grid: Grid,
  timeZone: string,
  fallbackYear: number,
): { settings: Settings; problems: Problem[]; unusable: Partial<Record<keyof Settings, Problem>> } {
  const s = defaultSettings(fallbackYear);
  const defaults = defaultSettings(fallbackYear);
  const problems: Problem[] = [];
  const unusable: Partial<Record<keyof Settings, Problem>> = {};
  const byName = new Map<string, keyof Settings>();
  for (const k of Object.keys(SETTING_KEYS) as (keyof Settings)[])
    byName.set(SETTING_KEYS[k][0].toLowerCase(), k);
  /** Where each setting was typed: its row (1-based) and text. */
  const typed: Partial<Record<keyof Settings, { row: number; text: string }>> = {};
  const report = (key: keyof Settings, r: { why: string; write: string; severity?: Severity }): void => {
    const at = typed[key];
    if (!at) return;
    const period = key === 'periodStart' || key === 'periodEnd';
    const problem: Problem = {
      severity: r.severity ?? 'предупреждение',
      sheet: SETTINGS_SHEET,
      cell: a1(at.row, 2),
      message: `Значение «${at.text}» параметра «${SETTING_KEYS[key][0]}» нельзя использовать: ${r.why}.`,
      fix: period
        ? `${r.write}. Пока период определяется по дорожной карте.`
        : `${r.write}. Пока используется значение по умолчанию: ${shown(defaults, key)}.`,
    };
    problems.push(problem);
    unusable[key] = problem;
  };
  grid.forEach((row, i) => {
    const key = byName.get(cellText(row[0]).toLowerCase());
    if (!key) return;
    const raw = row[1] ?? '';
    const text = cellText(raw);
    if (text === '') return;
    typed[key] = { row: i + 1, text };
    const take = <K extends keyof Settings>(k: K, r: Read<Settings[K]>): void => {
      if ('value' in r) s[k] = r.value;
      else report(k, r);
    };
    switch (key) {
      case 'periodStart':
      case 'periodEnd':
        take(key, readDate(raw, timeZone, key === 'periodEnd'));
        break;
      case 'coordinators':
      case 'curators': {
        const r = readEmails(text);
        s[key] = r.value;
        if (r.others.length)
          report(key, {
            why: `${r.others.map((w) => `«${w}»`).join(', ')} — не адрес электронной почты${r.value.length ? ' (адреса из ячейки учтены)' : ''}`,
            write:
              'Напишите адреса электронной почты через запятую, например coord@school.ru, info@school.ru',
          });
        break;
      }
      case 'reminderHour':
        take(key, readHour(raw, timeZone));
        break;
      case 'summaryWeekday':
        take(key, readWeekday(text));
        break;
      case 'mediumRiskFrom':
      case 'highRiskFrom':
        take(key, readShare(text));
        break;
      case 'aggregation': {
        const found = AGGREGATIONS.find((a) => text.toLowerCase().replace(/\s+/g, ' ') === a);
        take(key, found ? { value: found } : { why: 'такого способа нет', write: SETTING_KEYS[key][1] });
        break;
      }
      case 'coordinatorContact':
      case 'smtpServer':
      case 'smtpUser':
      case 'smtpFrom':
      case 'municipalityCode':
        s[key] = text;
        break;
      case 'timeBudgetSeconds':
        take(key, readCount(raw, 1));
        break;
      default:
        take(key, readCount(raw, 0));
    }
  });
  // Values each readable but unusable together: the typed one of the pair is reported and not used.
  if (s.periodEnd < s.periodStart) {
    // One side typed: the other is only the fallback year's day, and follows it.
    if (!typed.periodEnd || unusable.periodEnd)
      s.periodEnd = isoDate(Number(s.periodStart.slice(0, 4)), 12, 31);
    else if (!typed.periodStart || unusable.periodStart)
      s.periodStart = isoDate(Number(s.periodEnd.slice(0, 4)), 1, 1);
    else {
      report('periodEnd', {
        why: `конец периода (${formatRu(s.periodEnd)}) раньше начала (${formatRu(s.periodStart)})`,
        write: 'Проверьте начало и конец периода: конец не раньше начала, например 2024 и 2025',
        severity: 'ошибка',
      });
      s.periodEnd = isoDate(Number(s.periodStart.slice(0, 4)), 12, 31);
    }
  }
  if (s.mediumRiskFrom >= s.highRiskFrom) {
    const why = `порог среднего риска (${decimal(s.mediumRiskFrom)}) должен быть ниже порога высокого (${decimal(s.highRiskFrom)})`;
    const write = 'Напишите пороги так, чтобы средний был ниже высокого, например 0,35 и 0,6';
    const blamed = typed.highRiskFrom && !unusable.highRiskFrom ? 'highRiskFrom' : 'mediumRiskFrom';
    report(blamed, { why, write });
    s[blamed] = defaults[blamed];
    if (s.mediumRiskFrom >= s.highRiskFrom) {
      // Still crossed with the default: the other typed threshold cannot be used either.
      report('mediumRiskFrom', { why, write });
      s.mediumRiskFrom = defaults.mediumRiskFrom;
    }
  }
  return { settings: s, problems, unusable };
}
