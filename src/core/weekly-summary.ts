/** The weekly summary for coordinators and curators: statuses, newly overdue, reports, silent schools, risks. */
import { addDays, dateInZone, formatRu, isDateValue, type IsoDate } from './dates';
import { cellText, type Grid } from './grid';
import { ACTIVITY_STATUSES, type ActivityStatus, type ActivityStatusName, type Report } from './layouts';
import {
  MAIL_FOOTER,
  escapeHtml,
  htmlDocument,
  htmlTable,
  listBudget,
  makeMail,
  moreActivities,
  moreSchools,
  recipientGroups,
  TABLE_ROW_MARKUP_BYTES,
  type Mail,
} from './mail-format';
import { count, NOUNS } from './plural';
import type { Activity } from './roadmap-model';
import { roadmapPhrase } from './roadmap-title';
import { AWAITING_REPORT, statusForSchool } from './status';

/** What `Рисковые профили` says about the district, when the sheet exists. */
export interface RiskOverview {
  /** Schools with a profile. */
  schools: number;
  /** School × factor cells per level: «высокий», «средний», «низкий», «недостаточно данных». */
  byLevel: Record<string, number>;
  /** Schools with at least one high risk, with how many, most first. */
  highRiskSchools: { school: string; high: number }[];
}

export interface WeeklyInput {
  activities: readonly Activity[];
  statuses: ReadonlyMap<string, ActivityStatus>;
  reports: readonly Report[];
  /** Schools from `Школы`: code and the name to show. */
  schools: readonly { code: string; name: string }[];
  /** Activity id → codes of the schools that must each report it (schools.ts assignmentsOf). */
  assigned: ReadonlyMap<string, readonly string[]>;
  risk?: RiskOverview;
  /** Indicator progress lines (summarizeIndicators), shown when there are any. */
  indicatorLines?: readonly string[];
  today: IsoDate;
  /** The spreadsheet's time zone, to put report instants on calendar days. */
  timeZone: string;
  /** Coordinators and curators (duplicates are removed). */
  recipients: readonly string[];
  title: string;
  url: string;
}

export interface WeeklyFacts {
  counts: Record<ActivityStatusName, number>;
  /** Became overdue during the last 7 days (1–7 days overdue). */
  newlyOverdue: { activity: Activity; status: ActivityStatus }[];
  /** Reports whose time falls in the last 7 days, today included. */
  reportsThisWeek: Report[];
  /** Schools a report is awaited from (see awaitedSchools) without a single report in those 7 days. */
  silentSchools: string[];
  /** How many schools of `Школы` a report is awaited from. */
  awaitedSchools: number;
  weekStart: IsoDate;
}

/**
 * Codes (lower case) of the schools some activity assigned to them awaits a report from, by the school's
 * own status on it (status.ts AWAITING_REPORT).
 */
function awaitedSchools(input: WeeklyInput): Set<string> {
  const out = new Set<string>();
  for (const activity of input.activities) {
    const status = input.statuses.get(activity.id);
    for (const code of input.assigned.get(activity.id) ?? []) {
      const own = statusForSchool(status, code);
      if (own && AWAITING_REPORT.has(own.status)) out.add(code.trim().toLowerCase());
    }
  }
  return out;
}

/** The numbers behind the summary, for tests and the preview. */
export function weeklyFacts(input: WeeklyInput): WeeklyFacts {
  const weekStart = addDays(input.today, -6);
  const counts = Object.fromEntries(ACTIVITY_STATUSES.map((s) => [s, 0])) as Record<
    ActivityStatusName,
    number
  >;
  const newlyOverdue: WeeklyFacts['newlyOverdue'] = [];
  for (const activity of input.activities) {
    const status = input.statuses.get(activity.id);
    if (!status) continue;
    counts[status.status] += 1;
    if (status.status === 'Просрочено' && status.daysOverdue >= 1 && status.daysOverdue <= 7)
      newlyOverdue.push({ activity, status });
  }
  newlyOverdue.sort((a, b) => a.activity.sourceRow - b.activity.sourceRow);
  const reportsThisWeek = input.reports.filter((r) => {
    if (!isDateValue(r.time)) return false;
    const d = dateInZone(r.time, input.timeZone);
    return d >= weekStart && d <= input.today;
  });
  const reported = new Set(reportsThisWeek.map((r) => r.school.trim().toLowerCase()));
  const awaited = awaitedSchools(input);
  const silentSchools = input.schools
    .filter((s) => awaited.has(s.code.trim().toLowerCase()) && !reported.has(s.code.trim().toLowerCase()))
    .map((s) => s.name || s.code);
  const awaitedCount = input.schools.filter((s) => awaited.has(s.code.trim().toLowerCase())).length;
  return { counts, newlyOverdue, reportsThisWeek, silentSchools, awaitedSchools: awaitedCount, weekStart };
}

function lines(f: WeeklyFacts, input: WeeklyInput): { title: string; text: string[]; html: string[] }[] {
  const total = input.activities.length;
  const nameOf = new Map(input.schools.map((s) => [s.code.trim().toLowerCase(), s.name || s.code]));
  const blocks: { title: string; text: string[]; html: string[] }[] = [];
  const statusRows = ACTIVITY_STATUSES.filter((s) => f.counts[s] > 0).map((s) => [s, String(f.counts[s])]);
  blocks.push({
    title: `Мероприятия по статусам — всего ${count(total, NOUNS.activity)}`,
    text: statusRows.map(([s, n]) => `${s}: ${n}`),
    html: [
      htmlTable(
        ['Статус', 'Мероприятий'],
        statusRows.map((r) => r.map(escapeHtml)),
      ),
    ],
  });
  const overdueRows = f.newlyOverdue.map(({ activity, status }) => [
    activity.id ? `${activity.id}. ${activity.title}` : activity.title,
    activity.responsibleText || '—',
    `просрочено на ${count(status.daysOverdue, NOUNS.day)}`,
  ]);
  // Long lists stop where MailApp's body limit would be passed; the table has the whole of them.
  const budget = listBudget();
  const overdueText = overdueRows.map((r) => `• ${r[0]} — ${r[1]}, ${r[2]}`);
  const overdueHtml = overdueRows.map((r) => r.map(escapeHtml));
  const overdueShown = budget.take(
    overdueText.map((t, i) => [t, ...(overdueHtml[i] ?? [])]),
    TABLE_ROW_MARKUP_BYTES,
  );
  const overdueMore =
    overdueShown < overdueRows.length ? moreActivities(overdueRows.length - overdueShown) : '';
  blocks.push({
    title: `Стали просроченными за неделю — ${count(f.newlyOverdue.length, NOUNS.activity)}`,
    text: overdueRows.length
      ? [...overdueText.slice(0, overdueShown), ...(overdueMore ? [overdueMore] : [])]
      : ['нет'],
    html: overdueRows.length
      ? [
          htmlTable(['Мероприятие', 'Ответственные', 'Состояние'], overdueHtml.slice(0, overdueShown)),
          overdueMore ? `<p>${escapeHtml(overdueMore)}</p>` : '',
        ]
      : ['<p>нет</p>'],
  });
  const bySchool = new Map<string, number>();
  for (const r of f.reportsThisWeek) {
    const name = nameOf.get(r.school.trim().toLowerCase()) ?? r.school;
    bySchool.set(name, (bySchool.get(name) ?? 0) + 1);
  }
  const reportRows = [...bySchool]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'ru'))
    .map(([s, n]) => [s, String(n)]);
  const reportText = reportRows.map(([s, n]) => `${s}: ${n}`);
  const reportHtml = reportRows.map((r) => r.map(escapeHtml));
  const reportShown = budget.take(
    reportText.map((t, i) => [t, ...(reportHtml[i] ?? [])]),
    TABLE_ROW_MARKUP_BYTES,
  );
  const reportMore = reportShown < reportRows.length ? moreSchools(reportRows.length - reportShown) : '';
  blocks.push({
    title: `Отчёты школ за неделю — ${count(f.reportsThisWeek.length, NOUNS.report)}`,
    text: reportRows.length
      ? [...reportText.slice(0, reportShown), ...(reportMore ? [reportMore] : [])]
      : ['отчётов не было'],
    html: reportRows.length
      ? [
          htmlTable(['Школа', 'Отчётов'], reportHtml.slice(0, reportShown)),
          reportMore ? `<p>${escapeHtml(reportMore)}</p>` : '',
        ]
      : ['<p>отчётов не было</p>'],
  });
  const nobodySilent =
    f.awaitedSchools === 0
      ? 'нет: ни у одной школы сейчас нет мероприятий, по которым ждут отчёт'
      : 'нет — отчитались все школы, от которых ждут отчёт';
  const silentText = f.silentSchools.map((s) => `• ${s}`);
  const silentHtml = f.silentSchools.map((s) => `<li>${escapeHtml(s)}</li>`);
  const silentShown = budget.take(silentText.map((t, i) => [t, silentHtml[i] ?? '']));
  const silentMore =
    silentShown < f.silentSchools.length ? moreSchools(f.silentSchools.length - silentShown) : '';
  blocks.push({
    title: `Школы без отчётов за неделю — ${count(f.silentSchools.length, NOUNS.school)}`,
    text: f.silentSchools.length
      ? [...silentText.slice(0, silentShown), ...(silentMore ? [silentMore] : [])]
      : [nobodySilent],
    html: [
      f.silentSchools.length
        ? `<ul>${silentHtml.slice(0, silentShown).join('')}</ul>` +
          (silentMore ? `<p>${escapeHtml(silentMore)}</p>` : '')
        : `<p>${escapeHtml(nobodySilent)}</p>`,
    ],
  });
  const indicators = input.indicatorLines ?? [];
  if (indicators.length > 0) {
    blocks.push({
      title: 'Показатели',
      text: [...indicators],
      html: [`<ul>${indicators.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`],
    });
  }
  const risk = input.risk;
  if (risk) {
    const levels = ['высокий', 'средний', 'низкий', 'недостаточно данных'].filter(
      (l) => (risk.byLevel[l] ?? 0) > 0,
    );
    const allTop = risk.highRiskSchools.map((s) => `${s.school}: ${count(s.high, NOUNS.highRisk)}`);
    const shown = budget.take(allTop.map((t) => [t, t, '<li></li>• ']));
    const top = allTop.slice(0, shown);
    if (shown < allTop.length) top.push(moreSchools(allTop.length - shown));
    blocks.push({
      title: `Рисковые профили (${count(risk.schools, NOUNS.school)})`,
      text: [...levels.map((l) => `${l}: ${risk.byLevel[l]}`), ...top.map((t) => `• ${t}`)],
      html: [
        htmlTable(
          ['Уровень риска', 'Школа × фактор'],
          levels.map((l) => [escapeHtml(l), String(risk.byLevel[l])]),
        ),
        top.length
          ? `<p>Школы с высокими рисками:</p><ul>${top.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul>`
          : '',
      ],
    });
  }
  return blocks;
}

/** One summary message per group of 50 recipients; none when nobody is configured. */
export function buildWeeklySummary(input: WeeklyInput): { mails: Mail[]; facts: WeeklyFacts } {
  const facts = weeklyFacts(input);
  const subject = `${roadmapPhrase(input.title, 'nominative')}: недельная сводка на ${formatRu(input.today)}`;
  const intro = `Здравствуйте! Сводка по ${roadmapPhrase(input.title, 'dative')} за неделю ${formatRu(facts.weekStart)} — ${formatRu(input.today)}.`;
  const blocks = lines(facts, input);
  // Locally the «url» is the workbook's file name: named, not linked.
  const web = /^https?:\/\//.test(input.url);
  const open = web ? `Таблица: ${input.url}` : `Книга: ${input.url}`;
  const text = [
    intro,
    '',
    ...blocks.flatMap((b) => [`${b.title}:`, ...b.text, '']),
    open,
    '',
    MAIL_FOOTER,
  ].join('\n');
  const html = htmlDocument(
    subject,
    `<p>${escapeHtml(intro)}</p>` +
      blocks.map((b) => `<h3>${escapeHtml(b.title)}</h3>${b.html.join('')}`).join('') +
      `<p>${web ? `<a href="${escapeHtml(input.url)}">Открыть таблицу</a>` : escapeHtml(open)}</p><p style="color:#777;font-size:12px">${escapeHtml(MAIL_FOOTER)}</p>`,
  );
  const mails = recipientGroups(input.recipients).map((to) =>
    makeMail('weekly', to, subject, text, html, input.activities.length),
  );
  return { mails, facts };
}

const RISK_LEVELS = ['высокий', 'средний', 'низкий', 'недостаточно данных'];

/**
 * Reads the schools × factors matrix of `Рисковые профили`: the first block whose header row has a
 * «Школа» column, down to the first empty row; every cell starting with a level name counts. Returns
 * undefined when the sheet holds no such block (profiles not built yet).
 */
export function riskOverview(grid: Grid): RiskOverview | undefined {
  const headerRow = grid.findIndex((r) => r.some((c) => cellText(c).toLowerCase().startsWith('школа')));
  if (headerRow < 0) return undefined;
  const schoolCol = (grid[headerRow] ?? []).findIndex((c) => cellText(c).toLowerCase().startsWith('школа'));
  const byLevel: Record<string, number> = {};
  const highRiskSchools: RiskOverview['highRiskSchools'] = [];
  let schools = 0;
  for (const row of grid.slice(headerRow + 1)) {
    if (row.every((c) => cellText(c) === '')) break;
    const school = cellText(row[schoolCol]);
    let high = 0;
    let levels = 0;
    row.forEach((c, i) => {
      if (i === schoolCol) return;
      const text = cellText(c).toLowerCase();
      const level = RISK_LEVELS.find((l) => text.startsWith(l));
      if (!level) return;
      levels += 1;
      byLevel[level] = (byLevel[level] ?? 0) + 1;
      if (level === 'высокий') high += 1;
    });
    if (!school || levels === 0) continue;
    schools += 1;
    if (high > 0) highRiskSchools.push({ school, high });
  }
  if (schools === 0) return undefined;
  highRiskSchools.sort((a, b) => b.high - a.high || a.school.localeCompare(b.school, 'ru'));
  return { schools, byLevel, highRiskSchools };
}
