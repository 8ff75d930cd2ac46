/** User-facing Russian text shared across jobs. Job-specific text sits in sections below. */
import { count, countGenitive, NOUNS } from './plural';

export const MENU_TITLE = 'Дорожная карта 500+';

/** Sheet names: the contract of SPEC.md. */
export const SHEETS = {
  activities: 'Мероприятия',
  indicators: 'Показатели',
  responsible: 'Ответственные',
  schools: 'Школы',
  responses: 'Ответы',
  questionnaire: 'Анкета',
  settings: 'Настройки',
  check: 'Проверка',
  roadmap: 'Дорожная карта',
  profiles: 'Рисковые профили',
  reports: 'Отчёты',
  journal: 'Журнал',
  summary: 'Сводка',
  reportLinks: 'Ссылки для отчётов',
} as const;

/**
 * The other way to reach a party meaning all schools («ОО», «руководители ОО»): each school's reporters
 * get its digest, so no row of `Ответственные` is needed for it.
 */
export const FILL_SCHOOLS = `заполните лист «${SHEETS.schools}»: школы и адреса отчитывающихся в столбце «Отчитывающиеся (email)» — тогда напоминание получит каждая школа`;

/** Menu items in order; `null` is a separator. Function names are the contract's. */
export const MENU_ITEMS: readonly (readonly [string, string] | null)[] = [
  ['Создать шаблон листов', 'createTemplate'],
  ['Проверить дорожную карту', 'validateRoadmap'],
  ['Обновить статусы и цвета', 'refreshStatuses'],
  null,
  ['Построить рисковые профили', 'buildRiskProfiles'],
  null,
  ['Отчёт школы (боковая панель)', 'openReportSidebar'],
  ['Ссылки для отчётов школ', 'reportLinks'],
  ['Отозвать ссылки школы', 'revokeReportLinks'],
  null,
  ['Предпросмотр напоминаний', 'previewReminders'],
  ['Отправить напоминания', 'sendReminders'],
  ['Отправить недельную сводку', 'sendWeeklySummary'],
  null,
  ['Включить автоматический режим', 'installTriggers'],
  ['Выключить автоматический режим', 'removeTriggers'],
];

export const SHEET_MISSING = (name: string): string => `В таблице нет листа «${name}».`;
export const SHEET_MISSING_FIX =
  'Выполните «Дорожная карта 500+ → Создать шаблон листов» или переименуйте лист.';
export const BUSY = 'Другая задача сейчас изменяет таблицу. Повторите через минуту.';

/**
 * A roadmap without a single activity (an empty sheet, a header only, rows deleted): validateRoadmap's
 * error on «Проверка», and why refreshStatuses, the reminders and the weekly summary stop. The local command adds `import`.
 */
export const NO_ACTIVITIES = {
  message: `На листе «${SHEETS.activities}» нет ни одного мероприятия: проверять, обновлять статусы и напоминать не о чем.`,
  fix: `Вставьте дорожную карту на лист «${SHEETS.activities}»: строка заголовков («Мероприятие», «Срок», «Ответственные»), под ней каждое мероприятие отдельной строкой с названием, сроком и ответственными.`,
} as const;

export const SEVERITY = { error: 'ошибка', warning: 'предупреждение' } as const;

/** School reporting sidebar (getReportFormData, submitReport). */
export const REPORT_MSG = {
  /** The status line of the form: one school's last report, «Выполнено 15.10.2022, за март 2022». */
  lastReport: (report: string): string => `последний отчёт: ${report}`,
  sidebarTitle: 'Отчёт школы',
  sidebarOpened: 'Открыта боковая панель «Отчёт школы».',
  school: 'Выберите школу из списка.',
  activity: 'Выберите мероприятие из списка.',
  period: 'Выберите период из списка.',
  status: 'Выберите статус из списка.',
  factLength: 'Факт — не длиннее 200 символов.',
  factNumber: 'Для этого мероприятия факт — число (например, 3 или 75%).',
  factNegative: 'Факт не может быть отрицательным.',
  factTooLarge: 'Факт слишком большой: проверьте число (не больше миллиарда).',
  factShare: 'План этого мероприятия — доля в процентах: факт не больше 100%.',
  comment: (max: number): string => `Комментарий — не длиннее ${countGenitive(max, NOUNS.character)}.`,
  link: 'Ссылка должна начинаться с http:// или https:// и не содержать пробелов, невидимых символов и «@» перед адресом сайта.',
  key: 'Форма повреждена: откройте её заново и заполните ещё раз.',
  invalidForm: 'Форма повреждена: откройте её заново и заполните ещё раз.',
  noEmail:
    'Не удалось определить ваш адрес электронной почты. Войдите в аккаунт Google и откройте панель снова.',
  noSchools: (email: string): string =>
    `Адрес ${email} не указан среди отчитывающихся ни одной школы. Попросите координатора добавить его на лист «Школы».`,
  unknownSchool: 'Такой школы нет на листе «Школы».',
  notReporter: (email: string): string => `Адрес ${email} не может отчитываться за эту школу.`,
  unknownActivity: 'Такого мероприятия нет в дорожной карте.',
  notSchoolActivity: 'Это мероприятие не относится к выбранной школе.',
  periodNeeded: 'Для регулярного мероприятия выберите период.',
  periodClosed: 'За этот период отчитаться нельзя: выберите период из списка.',
  periodNotRecurring: 'У этого мероприятия нет периодов: оставьте период пустым.',
  /** An option of the form's period list: the period ended without the school's report. */
  overduePeriod: (label: string): string => `${label} — отчёт просрочен`,
  choosePeriod: '— выберите период —',
  keyReused: 'Этот отчёт уже отправлен другим пользователем. Откройте форму заново.',
  busy: 'Таблицу сейчас изменяет другой пользователь. Повторите через минуту.',
  saved: 'Отчёт сохранён.',
  alreadySaved: 'Этот отчёт уже был сохранён.',
  failed: 'Не удалось сохранить отчёт. Повторите позже; если ошибка повторится, сообщите координатору.',
  /** The page got no answer (connection lost on a phone, most often); what was typed is still in the form. */
  notSent:
    'Отчёт не отправлен: нет связи с сервером. Проверьте интернет и нажмите «Отправить» ещё раз — заполненное сохранилось, дважды отчёт не запишется. Если не выйдет, сообщите координатору.',
  failedData:
    'Не удалось загрузить данные. Откройте форму заново; если ошибка повторится, сообщите координатору.',
} as const;

/** Signed report links: the web form (doGet), the jobs reportLinks and revokeReportLinks. */
export const LINK_MSG = {
  pageTitle: 'Отчёт школы',
  refusedTitle: 'Ссылка недействительна',
  refused:
    'Эта ссылка для отчёта недействительна или отозвана. Попросите координатора дорожной карты прислать новую ссылку.',
  /** The same text for a bad token in a server call: the form shows it and nothing else. */
  refusedCall:
    'Ссылка для отчёта недействительна или отозвана. Попросите координатора прислать новую ссылку.',
  journalEvent: 'Ссылка отклонена',
  journalMuted: (limit: number): string =>
    `Отклонено больше ${count(limit, NOUNS.link)} за час: до конца часа следующие отказы в журнал не пишутся (страница отказа по-прежнему показывается).`,
  reasons: {
    malformed: 'ссылка повреждена или не из этой таблицы',
    signature: 'подпись ссылки не сходится (ссылка изменена или подделана)',
    revoked: 'ссылка отозвана: версия ключа школы сменилась',
    reporter: 'адреса больше нет среди отчитывающихся школы на листе «Школы»',
    school: 'школы больше нет на листе «Школы»',
    noSecret: 'ссылки ещё не создавались («Ссылки для отчётов школ»)',
  },
  header: ['Код школы', 'Школа', 'Кто отчитывается', 'Ссылка', 'Версия ключа'],
  noReporter: `нет адреса в столбце «Отчитывающиеся (email)» листа «${SHEETS.schools}»`,
  noWebApp:
    'Нет адреса веб-приложения: разверните его («Начать развёртывание → Новое развёртывание → Веб-приложение» в редакторе скриптов, см. README) и укажите его адрес …/exec, затем повторите.',
  made: (links: number, schools: number, missing: number): string =>
    `Готово: ${count(links, NOUNS.link)} для ${countGenitive(schools, NOUNS.school)} — на листе «${SHEETS.reportLinks}».` +
    (missing ? ` Без адреса отчитывающегося: ${missing} — добавьте адреса на лист «${SHEETS.schools}».` : ''),
  noSchools: `На листе «${SHEETS.schools}» нет школ: добавьте школы и адреса отчитывающихся.`,
  urlPrompt:
    'Адрес веб-приложения: в редакторе скриптов «Начать развёртывание → Управление развёртываниями», строка «URL веб-приложения» (оканчивается на /exec):',
  revokePrompt: 'Код школы, чьи ссылки отозвать (новые ссылки — «Ссылки для отчётов школ»):',
  revokeCancelled: 'Ссылки не отозваны.',
  revokeUnknown: (code: string): string =>
    `Школы с кодом «${code}» нет на листе «${SHEETS.schools}». Укажите код из столбца «Код».`,
  revoked: (code: string, version: number): string =>
    `Прежние ссылки школы «${code}» больше не действуют (версия ключа ${version}). Новые — «${MENU_TITLE} → Ссылки для отчётов школ».`,
  revokeEvent: 'Ссылки отозваны',
} as const;

/** Statuses and colours (refreshStatuses, dailyRefresh), the reader of «Отчёты», and the custom functions. */
export const STATUS_MSG = {
  summary: (date: string, c: { total: number; overdue: number; soon: number; done: number }): string =>
    `Статусы на ${date}: мероприятий ${c.total}, просрочено ${c.overdue}, скоро срок ${c.soon}, выполнено ${c.done}.`,
  skippedReports: (count: number, cell: string, message: string): string =>
    ` Строк листа «${SHEETS.reports}» с замечаниями: ${count} (первая — ${cell}: ${message}); все — на листе «${SHEETS.check}».`,
  busyFix: 'Дождитесь окончания другой задачи и обновите статусы снова.',
  dailyEvent: 'Ежедневное обновление',
  dailyFailed: 'Ежедневное обновление не выполнено',
  dailyDetails: (
    c: { total: number; overdue: number; soon: number },
    errors: number,
    skipped: number,
    reminders: string,
  ): string =>
    `Мероприятий: ${c.total}; просрочено: ${c.overdue}; скоро срок: ${c.soon}; ошибок в данных: ${errors}; ` +
    `строк «${SHEETS.reports}» с замечаниями: ${skipped}. Напоминания: ${reminders}`,
  dailyOk: 'выполнено',
  dailyDataErrors: 'есть ошибки в данных',
  dailyError: 'ошибка',
  dailyErrors: (errors: number): string => ` Ошибок в данных: ${errors}.`,
  dailyErrorsWhere: ` Список — на листе «${SHEETS.check}».`,
  stepStatuses: 'проверка и статусы',
  // A daily refresh that ran out of its time budget (or found the table busy) and goes on a minute later.
  dailySteps: {
    check: 'проверка',
    statuses: 'статусы и цвета',
    indicators: 'показатели',
    reminders: 'напоминания',
  },
  dailyPostponed: 'Ежедневное обновление продолжится',
  dailyPostponedDetails: (finished: string, left: string, why: string): string =>
    `Выполнено: ${finished}; осталось: ${left}. ${why} Продолжение — автоматически через минуту.`,
  dailyPostponedMessage: (left: string): string =>
    `Ежедневное обновление продолжится автоматически через минуту: осталось — ${left}.`,
  dailyContinues: 'продолжится',
  dailyOutOfTime: 'Время одного запуска истекло («Бюджет времени, сек» на листе «Настройки»).',
  nothingToContinue: 'Продолжать нечего: незавершённых задач нет.',
  stepReminders: 'напоминания',
  // `Отчёты` rows that cannot be used.
  reportNoActivity: 'В отчёте не указан ID мероприятия — отчёт не учтён.',
  reportNoActivityFix: `Впишите ID мероприятия из листа «${SHEETS.roadmap}» или удалите строку.`,
  reportUnknownActivity: (id: string): string =>
    `ID мероприятия «${id}» не найден на листе «${SHEETS.roadmap}» — отчёт не учтён.`,
  reportUnknownActivityFix: (example: string): string =>
    `Впишите номер мероприятия так, как он стоит в столбце «ID» листа «${SHEETS.roadmap}» (например, «${example}»), или удалите строку.`,
  reportBadPeriod: (period: string): string =>
    `Период «${period}» не распознан — отчёт не засчитан ни за один период.`,
  reportBadPeriodFix:
    'Впишите период одним из видов: «март 2021», «II квартал 2021», «1 полугодие 2021», «2021 год» или дату «25.11.2021».',
  reportUnknownSchool: (school: string): string =>
    `Школа «${school}» не найдена на листе «${SHEETS.schools}» — отчёт не учтён.`,
  reportAmbiguousSchool: (school: string): string =>
    `Название «${school}» подходит к нескольким школам листа «${SHEETS.schools}» — отчёт не учтён.`,
  /** `schools`: «LIC2» (Лицей № 2) each; `more`: how many of the list are not shown. */
  reportSchoolFix: (schools: readonly string[], more: number): string =>
    `Впишите код школы из листа «${SHEETS.schools}»: ${schools.join(', ')}${more > 0 ? ` и ещё ${count(more, NOUNS.school)}` : ''} — или оставьте ячейку пустой, если это отчёт координатора за все школы.`,
  reportBadStatus: (status: string): string => `Неизвестный статус отчёта «${status}» — отчёт не учтён.`,
  reportBadStatusFix: (statuses: readonly string[]): string =>
    `Укажите один из статусов: ${statuses.join(', ')}.`,
  // «Дорожная карта» columns «Пропущенный период» and «Последний отчёт».
  lastReportSchool: (school: string): string => `, школа ${school}`,
  lastReportPeriod: (period: string): string => `, за ${period}`,
  schoolsDone: (done: number, total: number): string =>
    `Выполнено в ${done} из ${countGenitive(total, NOUNS.school)}`,
  // Custom functions: each bad cell shows its own text.
  cellError: (message: string): string => `Ошибка: ${message}`,
  shapeMismatch: (a: string, b: string): string =>
    `Диапазоны разного размера: ${a} и ${b}. Укажите диапазоны одинакового размера.`,
  badYear: (text: string): string => `год «${text}» не распознан: укажите год числом, например 2021`,
  badDate: (text: string): string => `дата «${text}» не распознана: укажите дату, например 01.04.2021`,
  badMark: (text: string, statuses: readonly string[]): string =>
    `отметка «${text}» не распознана: укажите ${statuses.join(', ')} или оставьте пустой`,
  badScore: (text: string): string => `балл «${text}» должен быть числом от 0 до 1, например 0,45`,
  recurringDeadline: (label: string): string => `Регулярно: ${label}`,
  externalDeadline: (schedule: string): string => (schedule ? `По графику ${schedule}` : 'По графику'),
  noDeadline: 'Без срока',
} as const;
