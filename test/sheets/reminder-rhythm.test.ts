/**
 * A month of the daily trigger over seed 001 (the УМЦ plan of Искитимский район, whose second table has
 * dated deadlines and named executors): who gets a digest on which day, with reports arriving on some
 * days, and the preview telling exactly what the run will send and why.
 */
import { readFileSync } from 'node:fs';
import { seedPath } from '../fixtures/seed-roadmaps';
import { addDays } from '../../src/core/dates';
import { importText } from '../../src/core/import-text';
import { REPORTS_HEADER, RESPONSIBLE_HEADER } from '../../src/core/layouts';
import { SHEETS } from '../../src/core/messages';
import { LocalHost } from '../../src/local/host';
import { previewReminders, sendReminders } from '../../src/sheets/reminders';
import { ROADMAP_COL } from '../../src/sheets/roadmap-sheet';
import { summarySections } from '../../src/sheets/summary-sheet';

const SEED = seedPath('001');
const COORDINATOR = 'coordinator@uo.example.ru';

/** The executors of seed 001 and the bodies of its first table, with example addresses. */
const PEOPLE: [string, string][] = [
  ['Медведкин П.Л.', 'medvedkin@uo.example.ru'],
  ['Лаврентьева С.А.', 'lavrentieva@uo.example.ru'],
  ['Лагода М.И.', 'lagoda@uo.example.ru'],
  ['Гундарев А.Б.', 'gundarev@uo.example.ru'],
  ['Ляхова Л.Н.', 'lyakhova@uo.example.ru'],
  ['МОУО', 'mouo@uo.example.ru'],
  ['УМЦ', 'umc@uo.example.ru'],
];
const EMAIL = new Map(PEOPLE);

function seedWorkbook(extraSettings: [string, unknown][] = []): Record<string, unknown[][]> {
  return {
    [SHEETS.activities]: importText(readFileSync(SEED, 'utf8')).activities,
    [SHEETS.responsible]: [
      [...RESPONSIBLE_HEADER],
      ...PEOPLE.map(([name, email]) => [name, '', email, 'исполнитель']),
    ],
    [SHEETS.reports]: [[...REPORTS_HEADER]],
    [SHEETS.settings]: [
      ['Параметр', 'Значение'],
      ['Начало периода', '2021'],
      ['Конец периода', '2021'],
      ['Координаторы', COORDINATOR],
      ['Дней до срока', 7],
      ['Эскалация после дней просрочки', 14],
      ['Час рассылки', 8],
      ...extraSettings,
    ],
  };
}

/** What each recipient's digest lists today, read from «Дорожная карта» as the user sees it. */
function listsOnSheet(host: LocalHost): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  const add = (to: string, key: string): void => void lists.set(to, [...(lists.get(to) ?? []), key]);
  for (const row of host.values(SHEETS.roadmap).slice(1)) {
    const cell = (c: number): string => String(row[c - 1] ?? '');
    const status = cell(ROADMAP_COL.status);
    if (status !== 'Просрочено' && status !== 'Скоро срок') continue;
    const escalated = status === 'Просрочено' && Number(cell(ROADMAP_COL.daysOverdue)) > 14;
    const key = `${cell(ROADMAP_COL.id)}|${status}|${escalated ? 'эскалация' : ''}`;
    if (escalated) add(COORDINATOR, key);
    for (const name of cell(ROADMAP_COL.responsible).split(/,\s*/)) {
      const email = EMAIL.get(name);
      if (email) add(email, key);
    }
  }
  for (const list of lists.values()) list.sort();
  return lists;
}

/** The id of the `nth` activity of `name` due `deadline`, as «Дорожная карта» shows it. */
function idOf(host: LocalHost, name: string, deadline: string, nth = 0): string {
  const ids = host
    .values(SHEETS.roadmap)
    .filter((r) => r[ROADMAP_COL.responsible - 1] === name && r[ROADMAP_COL.deadlineText - 1] === deadline)
    .map((r) => String(r[ROADMAP_COL.id - 1]));
  const id = ids[nth];
  if (id === undefined) throw new Error(`no activity of ${name} due ${deadline}`);
  return id;
}

/** A district body marks an activity done on «Отчёты», as its digest tells it to. */
function reportDone(host: LocalHost, user: string, id: string): void {
  const sheet = host.spreadsheet.getSheetByName(SHEETS.reports)!;
  const row = sheet.getLastRow() + 1;
  sheet
    .getRange(row, 1, 1, REPORTS_HEADER.length)
    .setValues([[host.clock.now(), user, '', id, '', 'Выполнено', '', '', '', `k${row}`]]);
}

/** The rule of the issue, on the lists of each day: day 1, every change, else every 7 days. */
function expectedDays(days: string[], lists: Map<string, string[]>[], to: string): string[] {
  const out: string[] = [];
  let last: { on: string; list: string } | undefined;
  days.forEach((day, i) => {
    const list = (lists[i]?.get(to) ?? []).join(';');
    if (list === '') last = undefined;
    else if (!last || last.list !== list || addDays(last.on, 7) <= day) {
      out.push(day);
      last = { on: day, list };
    }
  });
  return out;
}

describe('a month of dailyRefresh over seed 001', () => {
  it('sends each recipient a digest on day 1, on every day their list changes, and otherwise once per 7 days', () => {
    const host = LocalHost.fromSheets(seedWorkbook(), { now: '2021-02-28' });
    host.run('installTriggers');
    const days = Array.from({ length: 30 }, (_, i) => addDays('2021-03-01', i));
    const lists: Map<string, string[]>[] = [];
    // Reports that arrive in the afternoon, before the next morning's run: [day, executor, deadline, nth].
    const reports: [string, string, string, number][] = [
      ['2021-03-04', 'Медведкин П.Л.', '01.03 2021', 0],
      ['2021-03-11', 'Ляхова Л.Н.', 'До 10.03.2021', 0],
      ['2021-03-26', 'Лаврентьева С.А.', 'До 01.04.2021', 1],
      ['2021-03-27', 'Лагода М.И.', 'До 01.04.2021', 0],
    ];
    for (const day of days) {
      host.fireDue(day);
      lists.push(listsOnSheet(host));
      for (const [on, name, deadline, nth] of reports)
        if (on === day) reportDone(host, EMAIL.get(name)!, idOf(host, name, deadline, nth));
    }
    const sent = new Map<string, string[]>();
    for (const m of host.sentMail) {
      if (m.subject.includes('недельная сводка')) continue;
      sent.set(m.to, [...(sent.get(m.to) ?? []), m.date.toISOString().slice(0, 10)]);
    }
    const recipients = [...new Set(lists.flatMap((l) => [...l.keys()]))].sort();
    for (const to of recipients)
      expect([to, sent.get(to) ?? []]).toEqual([to, expectedDays(days, lists, to)]);
    expect(Object.fromEntries([...sent].map(([to, on]) => [to, on.length]))).toEqual({
      // 01 first, 08 repeat, 15 item 6 escalated, 22 repeat, 25 three more due 01.04, 27 one reported.
      'lavrentieva@uo.example.ru': 6,
      // 01 due today, 02 overdue; reported on the 4th.
      'medvedkin@uo.example.ru': 2,
      // 03 due in 7 days, 10 repeat, 11 overdue; reported the same day.
      'lyakhova@uo.example.ru': 3,
      // Escalation of item 6 from the 15th, repeated on the 22nd and 29th.
      [COORDINATOR]: 3,
      // 25 due in 7 days; reported on the 27th.
      'lagoda@uo.example.ru': 1,
    });
    // A daily digest would have gone on every day a list was not empty.
    const daily = lists.reduce((n, l) => n + l.size, 0);
    expect(daily).toBeGreaterThan(3 * host.sentMail.length);
  });
});

/** The preview's rows on «Сводка»: [Кому, Вид, Тема, Текст, Что будет]. */
function previewRows(host: LocalHost): string[][] {
  const preview = summarySections(host.values(SHEETS.summary)).find((s) => s.title === 'Предпросмотр писем');
  return (preview?.rows ?? [])
    .slice(2)
    .map((r) => r.slice(0, 5).map((c) => String(c ?? '')))
    .filter((r) => r[0] !== '');
}

describe('previewReminders over a fortnight of seed 001', () => {
  it('shows exactly what sendReminders then sends, with the «новое» / «повтор» decisions and the quota', () => {
    // One mail a day: what does not fit waits in the queue, the coordinators' escalation goes first.
    const host = LocalHost.fromSheets(seedWorkbook([['Суточная квота писем', 1]]), { now: '2021-03-01' });
    const seen = new Set<string>();
    for (const day of Array.from({ length: 16 }, (_, i) => addDays('2021-03-01', i))) {
      host.clock.set(`${day}T09:00:00+03:00`);
      previewReminders(host.services());
      const preview = previewRows(host);
      const before = host.sentMail.length;
      const journalBefore = host.values(SHEETS.journal).length;
      sendReminders(host.services());
      const sent = host.sentMail.slice(before).map((m) => [m.to, m.subject]);
      const going = preview.filter((r) => r[4].startsWith('будет отправлено'));
      expect([day, sent]).toEqual([day, going.map((r) => [r[0], r[2]])]);
      // Item 6 of Лаврентьева passes 14 days overdue: the coordinators hear first, she waits a day.
      if (day === '2021-03-15') expect(sent.map((m) => m[0])).toEqual([COORDINATOR]);
      // The journal records each mail with the same decision the preview showed.
      const events = host
        .values(SHEETS.journal)
        .slice(journalBefore)
        .filter((r) => r[5] === 'отправлено')
        .map((r) => String(r[2]));
      expect(events.map((e) => /\((новое|изменилось|повтор)/.exec(e)?.[1])).toEqual(
        going.map((r) => /— (новое|изменилось|повтор)/.exec(r[4])?.[1]),
      );
      for (const r of preview) seen.add(r[4].replace(/\d+ (день|дня|дней)|\d+\.\d+\.\d+/g, 'N'));
    }
    expect([...seen].sort()).toEqual([
      'будет отправлено — новое',
      'будет отправлено — новое — из очереди',
      'будет отправлено — повтор: без изменений N',
      'в очередь: не хватит дневной квоты — новое',
      'в очередь: не хватит дневной квоты — новое — из очереди',
      'не отправляется: без изменений, повтор через N (N)',
    ]);
  });
});
