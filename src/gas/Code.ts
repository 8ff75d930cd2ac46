// Дорожная карта 500+ — the functions Apps Script, menus, triggers, the sidebar and formulas call.
// Each one delegates to the bundle's internals in the `Roadmap` namespace (built from src/gas/app.ts).

declare const Roadmap: typeof import('./app');

/** Simple trigger: adds the «Дорожная карта 500+» menu when the spreadsheet opens. */
function onOpen(): void {
  Roadmap.onOpen();
}

/** Simple trigger on add-on install: same menu as onOpen. */
function onInstall(): void {
  Roadmap.onInstall();
}

/** Menu: adds the missing user sheets with headers, notes, dropdowns and example rows. */
function createTemplate() {
  return Roadmap.createTemplate();
}

/** Menu: reads «Мероприятия», writes «Дорожная карта» and the problems to «Проверка». */
function validateRoadmap() {
  return Roadmap.validateRoadmap();
}

/** Menu: statuses from deadlines, reports and today's date; colours overdue, soon-due and done rows. */
function refreshStatuses() {
  return Roadmap.refreshStatuses();
}

/** Menu: risk profiles of schools from questionnaire responses, with roadmap coverage. */
function buildRiskProfiles() {
  return Roadmap.buildRiskProfiles();
}

/** Menu: shows what sendReminders would send now, without sending. */
function previewReminders() {
  return Roadmap.previewReminders();
}

/** Menu and trigger: one digest per responsible person, escalation to the coordinator. */
function sendReminders() {
  return Roadmap.sendReminders();
}

/** Menu: the weekly summary for coordinators and curators, now. */
function sendWeeklySummary() {
  return Roadmap.sendWeeklySummary();
}

/** Menu: opens the school reporting sidebar. */
function openReportSidebar() {
  return Roadmap.openReportSidebar();
}

/** Menu: installs the daily refresh and reminders and the weekly summary triggers (once each). */
function installTriggers() {
  return Roadmap.installTriggers();
}

/** Menu: removes this project's triggers, and only them. */
function removeTriggers() {
  return Roadmap.removeTriggers();
}

/** Menu: every school's personal report link, on the sheet «Ссылки для отчётов». */
function reportLinks() {
  return Roadmap.reportLinks();
}

/** Menu: revokes a school's report links (asks for the school's code; the local command passes it). */
function revokeReportLinks(schoolCode?: unknown) {
  return Roadmap.revokeReportLinks(schoolCode);
}

/** Web app: a school's signed link (?t=…) opens its report form; anything else gets a refusal page. */
function doGet(e?: GoogleAppsScript.Events.DoGet) {
  return Roadmap.doGet(e);
}

/** Time-driven trigger: validation, statuses and reminders, unattended; also continues a job that ran out of time. */
function dailyRefresh(e?: GoogleAppsScript.Events.TimeDriven) {
  return Roadmap.dailyRefresh(e);
}

/** Time-driven trigger: the weekly summary. */
function weeklySummary(e?: GoogleAppsScript.Events.TimeDriven) {
  return Roadmap.weeklySummary(e);
}

/** Sidebar and web form server call: the reporter's schools, activities, periods and previous reports (the web form passes its link's token). */
function getReportFormData(token?: unknown) {
  return Roadmap.getReportFormData(token);
}

/** Sidebar and web form server call: validates and stores one report (idempotent by its key; the web form passes its link's token). */
function submitReport(form: unknown, token?: unknown) {
  return Roadmap.submitReport(form, token);
}

/**
 * Срок мероприятия из текста дорожной карты («до 01.04.2021», «3 квартал», «ноябрь 2020г.»).
 *
 * @param {string|Array<Array<string>>} text Срок, как он записан, или диапазон ячеек.
 * @param {number} [year] Год дорожной карты для сроков без года («апрель», «II полугодие»).
 * @return Дата срока (последний день периода); для регулярных и бессрочных — пояснение; иначе текст ошибки.
 * @customfunction
 */
function ROADMAP_DEADLINE(text: unknown, year?: unknown) {
  return Roadmap.ROADMAP_DEADLINE(text, year);
}

/**
 * Статус мероприятия: Выполнено, Просрочено, Скоро срок (за 7 дней до срока и в день срока), В работе, Запланировано, Регулярное, Без срока.
 *
 * @param {Date|string|Array<Array<Date|string>>} deadline Срок (дата или текст) или диапазон.
 * @param {string|Array<Array<string>>} status Отметка о выполнении («Выполнено», «В работе») или диапазон.
 * @param {Date} [today] Дата, на которую считать статус; по умолчанию сегодня в часовом поясе таблицы. Sheets пересчитывает формулу только при изменении аргументов, поэтому без этой даты статус может устареть; TODAY() и NOW() сюда передавать нельзя (формула зависнет на «Загрузка…») — актуальные статусы на листе «Дорожная карта».
 * @return Статус или диапазон статусов.
 * @customfunction
 */
function ROADMAP_STATUS(deadline: unknown, status: unknown, today?: unknown) {
  return Roadmap.ROADMAP_STATUS(deadline, status, today);
}

/**
 * Уровень риска по баллу 0…1: низкий, средний, высокий (пороги 0,35 и 0,6, границы — к высшему уровню).
 *
 * @param {number|Array<Array<number>>} score Балл фактора риска или диапазон баллов.
 * @return Уровень риска или диапазон уровней.
 * @customfunction
 */
function RISK_LEVEL(score: unknown) {
  return Roadmap.RISK_LEVEL(score);
}
