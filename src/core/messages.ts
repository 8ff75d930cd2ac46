/** User-facing Russian text shared across jobs. Job-specific text sits in sections below. */

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
} as const;

/** Menu items in order; `null` is a separator. Function names are the contract's. */
export const MENU_ITEMS: readonly (readonly [string, string] | null)[] = [
  ['Создать шаблон листов', 'createTemplate'],
  ['Проверить дорожную карту', 'validateRoadmap'],
  ['Обновить статусы и цвета', 'refreshStatuses'],
  null,
  ['Построить рисковые профили', 'buildRiskProfiles'],
  null,
  ['Отчёт школы (боковая панель)', 'openReportSidebar'],
  null,
  ['Предпросмотр напоминаний', 'previewReminders'],
  ['Отправить напоминания', 'sendReminders'],
  ['Отправить недельную сводку', 'sendWeeklySummary'],
  null,
  ['Включить автоматический режим', 'installTriggers'],
  ['Выключить автоматический режим', 'removeTriggers'],
];

export const SHEET_MISSING = (name: string): string => `В таблице нет листа «${name}».`;
export const SHEET_MISSING_FIX = 'Выполните «Дорожная карта 500+ → Создать шаблон листов» или переименуйте лист.';
export const BUSY = 'Другая задача сейчас изменяет таблицу. Повторите через минуту.';

export const SEVERITY = { error: 'ошибка', warning: 'предупреждение' } as const;

/** School reporting sidebar (getReportFormData, submitReport). */
export const REPORT_MSG = {
  sidebarTitle: 'Отчёт школы',
  sidebarOpened: 'Открыта боковая панель «Отчёт школы».',
  school: 'Выберите школу из списка.',
  activity: 'Выберите мероприятие из списка.',
  period: 'Выберите период из списка.',
  status: 'Выберите статус из списка.',
  factLength: 'Факт — не длиннее 200 символов.',
  factNumber: 'Для этого мероприятия факт — число (например, 3 или 75%).',
  comment: (max: number): string => `Комментарий — не длиннее ${max} символов.`,
  link: 'Ссылка должна начинаться с http:// или https:// и не содержать пробелов.',
  key: 'Форма повреждена: обновите боковую панель и заполните её ещё раз.',
  invalidForm: 'Форма повреждена: обновите боковую панель и заполните её ещё раз.',
  noEmail: 'Не удалось определить ваш адрес электронной почты. Войдите в аккаунт Google и откройте панель снова.',
  noSchools: (email: string): string =>
    `Адрес ${email} не указан среди отчитывающихся ни одной школы. Попросите координатора добавить его на лист «Школы».`,
  unknownSchool: 'Такой школы нет на листе «Школы».',
  notReporter: (email: string): string => `Адрес ${email} не может отчитываться за эту школу.`,
  unknownActivity: 'Такого мероприятия нет в дорожной карте.',
  notSchoolActivity: 'Это мероприятие не относится к выбранной школе.',
  periodNeeded: 'Для регулярного мероприятия выберите период.',
  periodClosed: 'За этот период отчитаться нельзя: выберите период из списка.',
  periodNotRecurring: 'У этого мероприятия нет периодов: оставьте период пустым.',
  keyReused: 'Этот отчёт уже отправлен другим пользователем. Обновите панель.',
  busy: 'Таблицу сейчас изменяет другой пользователь. Повторите через минуту.',
  saved: 'Отчёт сохранён.',
  alreadySaved: 'Этот отчёт уже был сохранён.',
  failed: 'Не удалось сохранить отчёт. Повторите позже; если ошибка повторится, сообщите координатору.',
  failedData: 'Не удалось загрузить данные. Обновите панель; если ошибка повторится, сообщите координатору.',
} as const;
