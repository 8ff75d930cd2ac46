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
