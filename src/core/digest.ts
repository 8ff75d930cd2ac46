/** Reminder digests: one email per responsible address, and the escalation digest for coordinators. */
import { daysBetween, formatRu, type IsoDate } from './dates';
import type { ActivityStatus } from './layouts';
import {
  MAIL_FOOTER,
  contentHash,
  escapeHtml,
  htmlDocument,
  htmlTable,
  listBudget,
  makeMail,
  moreActivities,
  recipientGroups,
  TABLE_ROW_MARKUP_BYTES,
  type Mail,
} from './mail-format';
import { SHEETS } from './messages';
import { missedReports } from './periods';
import { count, countGenitive, daysLeft, NOUNS } from './plural';
import type { Activity } from './roadmap-model';
import { roadmapPhrase } from './roadmap-title';
import type { Settings } from './settings';

/** Where activity rows live, for links that open the row in Sheets. */
export interface SheetLink {
  spreadsheetId: string;
  /** Sheet id (gid) of `Мероприятия`. */
  gid: number;
  /** Sheet id of `Отчёты`, once it exists: where a district body marks an activity done. */
  reportsGid?: number;
  /** The workbook's file name («карта.xlsx») when run over .xlsx: no link opens it, so the place is named. */
  file?: string;
}

/** A school of `Школы` whose reporters get its way to report at the end of their digest. */
export interface SchoolContact {
  name: string;
  /** Addresses that report for the school (lower or mixed case). */
  reporters: readonly string[];
  /** The school's own signed report link, when the web form is deployed; else its reporters write to the coordinator. */
  reportLink?: string;
}

export interface DigestInput {
  activities: readonly Activity[];
  statuses: ReadonlyMap<string, ActivityStatus>;
  settings: Pick<
    Settings,
    | 'soonDays'
    | 'escalationDays'
    | 'coordinators'
    | 'remindEveryDays'
    | 'escalateEveryDays'
    | 'coordinatorContact'
  >;
  today: IsoDate;
  link: SheetLink;
  /** The spreadsheet's name, shown in subjects and greetings. */
  title: string;
  /** Schools and their reporters: a recipient among them is a school, any other a district body. */
  schools?: readonly SchoolContact[];
}

export interface DigestResult {
  /** Reminders first (by address), then the escalation digest(s). */
  mails: Mail[];
  /** Responsible names that have overdue or soon-due activities but no email in `Ответственные`. */
  unresolved: string[];
  /** Activities overdue more than `escalationDays` (escalated only if coordinators are set). */
  escalated: number;
}

/** Where an activity stands in a digest; a change of state makes the digest new again. */
type ItemState = 'soon' | 'overdue' | 'escalated';

/** An activity worth mailing about, with what makes it so. */
interface Item {
  activity: Activity;
  status: ActivityStatus;
  state: ItemState;
}

/** `https://docs.google.com/spreadsheets/d/<id>/edit#gid=<gid>&range=A<row>`: opens the activity's row. */
export function rowLink(link: SheetLink, row: number): string {
  return `${sheetUrl(link, link.gid)}&range=A${row}`;
}

function sheetUrl(link: SheetLink, gid: number): string {
  return `https://docs.google.com/spreadsheets/d/${encodeURIComponent(link.spreadsheetId)}/edit#gid=${gid}`;
}

/** The link to the row, or locally «лист «Мероприятия», ячейка A14, книга карта.xlsx» (never a path on the coordinator's disk). */
function rowPlace(link: SheetLink, row: number): string {
  return link.file ? `лист «${SHEETS.activities}», ячейка A${row}, книга ${link.file}` : rowLink(link, row);
}

/** The deadline as the roadmap writes it, when it says more than the date the state already gives. */
function plannedText(item: Item): string {
  const written = item.activity.deadlineText.trim();
  const due = item.status.due ? formatRu(item.status.due) : '';
  const same = written.toLowerCase().replace(/\s+/g, ' ');
  return same === due || same === `до ${due}` ? '' : written;
}

/**
 * «осталось 3 дня (срок 31.01.2021)», «срок сегодня», «нет отчётов за 3 месяца (…), просрочено на
 * 45 дней», with «; сообщено координатору» for what the coordinators got too; coordinators read first
 * which schools are furthest behind («Крестинская СШ: нет отчётов за …»).
 */
function stateText(item: Item, today: IsoDate, forCoordinators: boolean): string {
  const { status } = item;
  const due = status.due ? ` (срок ${formatRu(status.due)})` : '';
  if (item.state === 'soon') {
    if (!status.due) return 'скоро срок';
    const left = daysBetween(today, status.due);
    return left <= 0 ? 'срок сегодня' : `${daysLeft(left)}${due}`;
  }
  const missed = status.missed ? `${missedReports(status.missed)}, ` : '';
  const escalated = item.state === 'escalated' && !forCoordinators ? '; сообщено координатору' : '';
  // Coordinators learn whom to call: the schools furthest behind, whose lag the activity shows.
  const behind = forCoordinators && status.behind ? `${status.behind}: ` : '';
  return `${behind}${missed}просрочено на ${count(status.daysOverdue, NOUNS.day)}${due}${escalated}`;
}

function label(a: Activity): string {
  return a.id ? `${a.id}. ${a.title}` : a.title;
}

/** Overdue first (longest overdue first), then soon-due by date; ties by row. */
function byUrgency(x: Item, y: Item): number {
  const xo = x.state !== 'soon';
  const yo = y.state !== 'soon';
  if (xo !== yo) return xo ? -1 : 1;
  if (xo && x.status.daysOverdue !== y.status.daysOverdue) return y.status.daysOverdue - x.status.daysOverdue;
  const dx = x.status.due ?? '9999';
  const dy = y.status.due ?? '9999';
  if (dx !== dy) return dx < dy ? -1 : 1;
  return x.activity.sourceRow - y.activity.sourceRow;
}

/** What the digest says about an item apart from day counts: a change here makes the digest new. */
function stateKey(item: Item): string {
  return [item.activity.id, item.state, item.status.due ?? '', item.status.missed?.count ?? 0].join('|');
}

/**
 * What a digest shows of each activity besides its state: its responsible (for coordinators) and its
 * row in the table (not for a school, which has no access to the table: it reports by its link).
 */
interface View {
  responsible: boolean;
  row: boolean;
}

function itemText(item: Item, input: DigestInput, view: View): string {
  const planned = plannedText(item);
  const lines = [`• ${label(item.activity)}`, `  ${stateText(item, input.today, view.responsible)}`];
  if (planned) lines.push(`  Срок в дорожной карте: ${planned}`);
  if (view.responsible) lines.push(`  Ответственные: ${item.activity.responsibleText || '—'}`);
  if (view.row) lines.push(`  Строка в таблице: ${rowPlace(input.link, item.activity.sourceRow)}`);
  return lines.join('\n');
}

function itemRow(item: Item, input: DigestInput, view: View): string[] {
  const color = item.state === 'soon' ? '#8d6e00' : '#c62828';
  const cells = [
    escapeHtml(label(item.activity)),
    `<span style="color:${color}">${escapeHtml(stateText(item, input.today, view.responsible))}</span>`,
    escapeHtml(item.activity.deadlineText.trim() || '—'),
  ];
  if (view.responsible) cells.push(escapeHtml(item.activity.responsibleText || '—'));
  if (view.row)
    cells.push(
      input.link.file
        ? escapeHtml(rowPlace(input.link, item.activity.sourceRow))
        : `<a href="${escapeHtml(rowLink(input.link, item.activity.sourceRow))}">открыть строку</a>`,
    );
  return cells;
}

function sections(items: Item[], input: DigestInput, view: View): { text: string; html: string } {
  const overdue = items.filter((i) => i.state !== 'soon');
  const soon = items.filter((i) => i.state === 'soon');
  const header = [
    'Мероприятие',
    'Состояние',
    'Срок в дорожной карте',
    ...(view.responsible ? ['Ответственные'] : []),
    ...(view.row ? ['Ссылка'] : []),
  ];
  const text: string[] = [];
  const html: string[] = [];
  // The most urgent come first, so a list cut to fit MailApp's body limit loses the least urgent.
  const budget = listBudget();
  const add = (title: string, list: Item[]): void => {
    if (list.length === 0) return;
    const texts = list.map((i) => itemText(i, input, view));
    const rows = list.map((i) => itemRow(i, input, view));
    const n = budget.take(
      texts.map((t, k) => [t, ...(rows[k] ?? [])]),
      TABLE_ROW_MARKUP_BYTES,
    );
    const more = n < list.length ? moreActivities(list.length - n) : '';
    text.push(`${title}:`, ...texts.slice(0, n), ...(more ? [more] : []), '');
    html.push(
      `<h3>${escapeHtml(title)}</h3>`,
      htmlTable(header, rows.slice(0, n)),
      more ? `<p>${escapeHtml(more)}</p>` : '',
    );
  };
  add(`Просрочено — ${count(overdue.length, NOUNS.activity)}`, overdue);
  add(
    `Скоро срок (в течение ${countGenitive(input.settings.soonDays, NOUNS.day)}) — ${count(soon.length, NOUNS.activity)}`,
    soon,
  );
  return { text: text.join('\n'), html: html.join('') };
}

/** «Просрочено 3 мероприятия, скоро срок у 2», «Скоро срок у 1 мероприятия». */
function countsText(items: Item[]): string {
  const overdue = items.filter((i) => i.state !== 'soon').length;
  const soon = items.length - overdue;
  if (overdue === 0) return `Скоро срок у ${countGenitive(soon, NOUNS.activity)}`;
  const head = `Просрочено ${count(overdue, NOUNS.activity)}`;
  return soon ? `${head}, скоро срок у ${soon}` : head;
}

/** How a school reaches the coordinator: «Контакт координатора», else the coordinators' addresses. */
function coordinatorContact(input: DigestInput): string {
  return input.settings.coordinatorContact.trim() || input.settings.coordinators.join(', ');
}

/** «раз в 7 дней» — how often an unchanged digest comes again. */
function rhythmText(days: number): string {
  return days <= 1 ? 'каждый день' : `раз в ${count(days, NOUNS.day)}`;
}

/** The schools whose reporter this address is. */
function schoolsReportingAs(email: string, input: DigestInput): NonNullable<DigestInput['schools']> {
  return (input.schools ?? []).filter((s) => s.reporters.some((r) => r.trim().toLowerCase() === email));
}

/**
 * The digest's last paragraph, by recipient kind: a school reports through its link (or tells the
 * coordinator); a district body marks the activity done on `Отчёты`.
 */
function actionText(email: string, input: DigestInput): string {
  const contact = coordinatorContact(input);
  const ask = contact
    ? `сообщите координатору программы: ${contact}`
    : 'сообщите координатору программы, ответив на это письмо';
  const schools = schoolsReportingAs(email, input);
  if (schools.length > 0) {
    const links = schools.filter((s) => s.reportLink);
    if (links.length === 0) return `Что сделать: выполните мероприятия и о выполнении ${ask}.`;
    // Each link is followed by a space, not by punctuation that a copy from the text would take along.
    const where = links.map((s) => (links.length > 1 ? `${s.name} — ${s.reportLink} ` : `${s.reportLink} `));
    return `Что сделать: выполните мероприятия и отметьте выполнение по личной ссылке школы ${where.join('')}(вход в Google не нужен). Вопросы — ${contact || 'координатору программы'}.`;
  }
  const reports = input.link.file
    ? `книга ${input.link.file}`
    : sheetUrl(input.link, input.link.reportsGid ?? input.link.gid);
  return (
    `Что сделать: выполнив мероприятие, отметьте это на листе «${SHEETS.reports}» — новая строка: ` +
    `в «ID мероприятия» его номер из этого письма, в «Статус» — «Выполнено» (${reports}). ` +
    `Если что-то мешает, ${ask}.`
  );
}

function reminder(email: string, names: string[], items: Item[], input: DigestInput): Mail {
  const subject = `${countsText(items)} — ${roadmapPhrase(input.title, 'nominative')}`;
  const who = `${names.length > 1 ? 'Ответственные' : 'Ответственный'}: ${names.join(', ')}`;
  const intro = `По ${roadmapPhrase(input.title, 'dative')} на ${formatRu(input.today)} за вами числятся мероприятия, которые требуют внимания.`;
  const action = actionText(email, input);
  const rhythm = `Напоминание приходит сразу, когда список меняется, а без изменений — ${rhythmText(input.settings.remindEveryDays)}.`;
  return digestMail(
    'reminder',
    [email],
    subject,
    ['Здравствуйте!', who, intro],
    items,
    input,
    { responsible: false, row: schoolsReportingAs(email, input).length === 0 },
    [rhythm, action],
    input.settings.remindEveryDays,
  );
}

function escalation(to: string[], items: Item[], input: DigestInput): Mail {
  const k = input.settings.escalationDays;
  const subject = `Просрочено более ${countGenitive(k, NOUNS.day)}: ${count(items.length, NOUNS.activity)} — ${roadmapPhrase(input.title, 'nominative')}`;
  const intro = `Эти мероприятия ${roadmapPhrase(input.title, 'genitive')} на ${formatRu(input.today)} просрочены более чем на ${count(k, NOUNS.day)}.`;
  const action =
    'Что сделать: свяжитесь с ответственными (они указаны у каждого мероприятия) и помогите довести дело до конца; ' +
    `выполненное отмечается на листе «${SHEETS.reports}» (статус «Выполнено»).`;
  const rhythm =
    `Ответственным напоминание приходит сразу при изменениях, а без изменений — ${rhythmText(input.settings.remindEveryDays)}; ` +
    `это письмо без изменений повторяется ${rhythmText(input.settings.escalateEveryDays)}.`;
  return digestMail(
    'escalation',
    to,
    subject,
    ['Здравствуйте!', intro],
    items,
    input,
    { responsible: true, row: true },
    [rhythm, action],
    input.settings.escalateEveryDays,
  );
}

/** A web address in a sentence; it ends before the sentence's punctuation. */
const WEB_ADDRESS = /https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)»]/g;

/** Escaped text whose web addresses (a school's report link) are links to tap, not text to copy. */
function linkified(text: string): string {
  return escapeHtml(text).replace(WEB_ADDRESS, (url) => `<a href="${url}">${url}</a>`);
}

/** Greeting lines, the lists, the rhythm, what to do (last, in bold) and the footer, as text and HTML. */
function digestMail(
  kind: 'reminder' | 'escalation',
  to: string[],
  subject: string,
  head: string[],
  items: Item[],
  input: DigestInput,
  view: View,
  tail: string[],
  everyDays: number,
): Mail {
  const body = sections(items, input, view);
  const text = [...head, '', body.text, ...tail, '', MAIL_FOOTER].join('\n');
  const para = (s: string): string => `<p>${escapeHtml(s)}</p>`;
  const html = htmlDocument(
    subject,
    head.map(para).join('') +
      body.html +
      tail.slice(0, -1).map(para).join('') +
      `<p><b>${linkified(tail[tail.length - 1] ?? '')}</b></p>` +
      `<p style="color:#777;font-size:12px">${escapeHtml(MAIL_FOOTER)}</p>`,
  );
  const state = items.map(stateKey).sort();
  // Kept in the send log (document properties): a short hash, not the sentence with its link.
  const action = contentHash(tail[tail.length - 1] ?? '');
  return makeMail(kind, to, subject, text, html, items.length, { state, everyDays, action });
}

/**
 * One reminder per responsible email address listing its overdue and soon-due activities (several
 * names with one address, e.g. «ММЦ» and «Муниципальный методический центр», share one email), plus
 * one escalation digest per group of 50 coordinators for activities overdue more than `escalationDays`.
 * Pure: statuses come from computeStatuses, emails from `Ответственные` via Party.email.
 */
export function buildDigests(input: DigestInput): DigestResult {
  const byEmail = new Map<string, { names: Set<string>; items: Item[] }>();
  const unresolved = new Set<string>();
  const escalated: Item[] = [];
  const coordinators = recipientGroups(input.settings.coordinators);
  for (const activity of input.activities) {
    const status = input.statuses.get(activity.id);
    if (!status || (status.status !== 'Просрочено' && status.status !== 'Скоро срок')) continue;
    const overdue = status.status === 'Просрочено';
    const late = overdue && status.daysOverdue > input.settings.escalationDays;
    if (late) escalated.push({ activity, status, state: 'escalated' });
    // «сообщено координатору» only when there is a coordinator to tell.
    const item: Item = {
      activity,
      status,
      state: late && coordinators.length > 0 ? 'escalated' : overdue ? 'overdue' : 'soon',
    };
    const seen = new Set<string>();
    for (const party of activity.responsible) {
      const email = party.email?.trim().toLowerCase();
      if (!email) {
        unresolved.add(party.name);
        continue;
      }
      let entry = byEmail.get(email);
      if (!entry) byEmail.set(email, (entry = { names: new Set(), items: [] }));
      entry.names.add(party.name);
      if (!seen.has(email)) entry.items.push(item);
      seen.add(email);
    }
  }
  const mails: Mail[] = [...byEmail.keys()].sort().map((email) => {
    const entry = byEmail.get(email) as { names: Set<string>; items: Item[] };
    return reminder(email, [...entry.names], entry.items.sort(byUrgency), input);
  });
  if (escalated.length > 0) {
    escalated.sort(byUrgency);
    for (const group of coordinators) mails.push(escalation(group, escalated, input));
  }
  return { mails, unresolved: [...unresolved].sort(), escalated: escalated.length };
}
