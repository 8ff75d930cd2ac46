/** Reminder digests: one email per responsible address, and the escalation digest for coordinators. */
import { formatRu, type IsoDate } from './dates';
import type { ActivityStatus } from './layouts';
import {
  MAIL_FOOTER,
  days,
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
import type { Activity } from './roadmap-model';
import type { Settings } from './settings';

/** Where activity rows live, for links that open the row in Sheets. */
export interface SheetLink {
  spreadsheetId: string;
  /** Sheet id (gid) of `Мероприятия`. */
  gid: number;
  /** The workbook's file name («карта.xlsx») when run over .xlsx: no link opens it, so the place is named. */
  file?: string;
}

export interface DigestInput {
  activities: readonly Activity[];
  statuses: ReadonlyMap<string, ActivityStatus>;
  settings: Pick<Settings, 'soonDays' | 'escalationDays' | 'coordinators'>;
  today: IsoDate;
  link: SheetLink;
  /** The spreadsheet's name, shown in subjects and greetings. */
  title: string;
}

export interface DigestResult {
  /** Reminders first (by address), then the escalation digest(s). */
  mails: Mail[];
  /** Responsible names that have overdue or soon-due activities but no email in `Ответственные`. */
  unresolved: string[];
  /** Activities overdue more than `escalationDays` (escalated only if coordinators are set). */
  escalated: number;
}

/** An activity worth mailing about, with what makes it so. */
interface Item {
  activity: Activity;
  status: ActivityStatus;
  overdue: boolean;
}

/** `https://docs.google.com/spreadsheets/d/<id>/edit#gid=<gid>&range=A<row>`: opens the activity's row. */
export function rowLink(link: SheetLink, row: number): string {
  return `https://docs.google.com/spreadsheets/d/${encodeURIComponent(link.spreadsheetId)}/edit#gid=${link.gid}&range=A${row}`;
}

/** The link to the row, or locally «лист «Мероприятия», ячейка A14, книга карта.xlsx» (never a path on the coordinator's disk). */
function rowPlace(link: SheetLink, row: number): string {
  return link.file ? `лист «${SHEETS.activities}», ячейка A${row}, книга ${link.file}` : rowLink(link, row);
}

function dueText(item: Item): string {
  const due = item.status.due ? formatRu(item.status.due) : '';
  const written = item.activity.deadlineText.trim();
  if (written && due && written !== due) return `${written} (${due})`;
  return written || due || 'без срока';
}

function stateText(item: Item): string {
  if (!item.overdue) return item.status.due ? `срок ${formatRu(item.status.due)}` : 'скоро срок';
  const period = item.status.missingPeriod ? `нет отчёта за ${item.status.missingPeriod}, ` : '';
  return `${period}просрочено на ${days(item.status.daysOverdue)}`;
}

function label(a: Activity): string {
  return a.id ? `${a.id}. ${a.title}` : a.title;
}

/** Overdue first (longest overdue first), then soon-due by date; ties by row. */
function byUrgency(x: Item, y: Item): number {
  if (x.overdue !== y.overdue) return x.overdue ? -1 : 1;
  if (x.overdue && x.status.daysOverdue !== y.status.daysOverdue)
    return y.status.daysOverdue - x.status.daysOverdue;
  const dx = x.status.due ?? '9999';
  const dy = y.status.due ?? '9999';
  if (dx !== dy) return dx < dy ? -1 : 1;
  return x.activity.sourceRow - y.activity.sourceRow;
}

function itemText(item: Item, link: SheetLink, withResponsible: boolean): string {
  const lines = [`• ${label(item.activity)}`, `  Срок: ${dueText(item)} — ${stateText(item)}`];
  if (withResponsible) lines.push(`  Ответственные: ${item.activity.responsibleText || '—'}`);
  lines.push(`  Строка в таблице: ${rowPlace(link, item.activity.sourceRow)}`);
  return lines.join('\n');
}

function itemRow(item: Item, link: SheetLink, withResponsible: boolean): string[] {
  const color = item.overdue ? '#c62828' : '#8d6e00';
  const cells = [
    escapeHtml(label(item.activity)),
    escapeHtml(dueText(item)),
    `<span style="color:${color}">${escapeHtml(stateText(item))}</span>`,
  ];
  if (withResponsible) cells.push(escapeHtml(item.activity.responsibleText || '—'));
  cells.push(
    link.file
      ? escapeHtml(rowPlace(link, item.activity.sourceRow))
      : `<a href="${escapeHtml(rowLink(link, item.activity.sourceRow))}">открыть строку</a>`,
  );
  return cells;
}

function sections(
  items: Item[],
  link: SheetLink,
  soonDays: number,
  withResponsible: boolean,
): { text: string; html: string } {
  const overdue = items.filter((i) => i.overdue);
  const soon = items.filter((i) => !i.overdue);
  const header = [
    'Мероприятие',
    'Срок',
    'Состояние',
    ...(withResponsible ? ['Ответственные'] : []),
    'Ссылка',
  ];
  const text: string[] = [];
  const html: string[] = [];
  // The most urgent come first, so a list cut to fit MailApp's body limit loses the least urgent.
  const budget = listBudget();
  const add = (title: string, list: Item[]): void => {
    if (list.length === 0) return;
    const texts = list.map((i) => itemText(i, link, withResponsible));
    const rows = list.map((i) => itemRow(i, link, withResponsible));
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
  add(`Просрочено (${overdue.length})`, overdue);
  add(`Срок в ближайшие ${days(soonDays)} (${soon.length})`, soon);
  return { text: text.join('\n'), html: html.join('') };
}

function countsText(items: Item[]): string {
  const overdue = items.filter((i) => i.overdue).length;
  const soon = items.length - overdue;
  return [overdue ? `просрочено ${overdue}` : '', soon ? `скоро срок ${soon}` : '']
    .filter(Boolean)
    .join(', ');
}

function reminder(email: string, names: string[], items: Item[], input: DigestInput): Mail {
  const subject = `Дорожная карта «${input.title}»: ${countsText(items)} на ${formatRu(input.today)}`;
  const who = names.join(', ');
  const intro = `Здравствуйте! По дорожной карте «${input.title}» на ${formatRu(input.today)} за ${who} числятся мероприятия, которые требуют внимания.`;
  const outro = 'Пожалуйста, выполните их или сообщите о выполнении через форму отчёта в таблице.';
  const body = sections(items, input.link, input.settings.soonDays, false);
  const text = [intro, '', body.text, outro, '', MAIL_FOOTER].join('\n');
  const html = htmlDocument(
    subject,
    `<p>${escapeHtml(intro)}</p>${body.html}<p>${escapeHtml(outro)}</p><p style="color:#777;font-size:12px">${escapeHtml(MAIL_FOOTER)}</p>`,
  );
  return makeMail('reminder', [email], subject, text, html, items.length);
}

function escalation(to: string[], items: Item[], input: DigestInput): Mail {
  const k = input.settings.escalationDays;
  const subject = `Дорожная карта «${input.title}»: просрочено более ${days(k)} — ${items.length} на ${formatRu(input.today)}`;
  const intro = `Здравствуйте! Эти мероприятия дорожной карты «${input.title}» просрочены более чем на ${days(k)}. Ответственным ежедневно приходят напоминания; возможно, нужно ваше участие.`;
  const body = sections(items, input.link, input.settings.soonDays, true);
  const text = [intro, '', body.text, MAIL_FOOTER].join('\n');
  const html = htmlDocument(
    subject,
    `<p>${escapeHtml(intro)}</p>${body.html}<p style="color:#777;font-size:12px">${escapeHtml(MAIL_FOOTER)}</p>`,
  );
  return makeMail('escalation', to, subject, text, html, items.length);
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
  for (const activity of input.activities) {
    const status = input.statuses.get(activity.id);
    if (!status || (status.status !== 'Просрочено' && status.status !== 'Скоро срок')) continue;
    const item: Item = { activity, status, overdue: status.status === 'Просрочено' };
    if (item.overdue && status.daysOverdue > input.settings.escalationDays) escalated.push(item);
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
    for (const group of recipientGroups(input.settings.coordinators))
      mails.push(escalation(group, escalated, input));
  }
  return { mails, unresolved: [...unresolved].sort(), escalated: escalated.length };
}
