/**
 * `roadmap500 demo` (npm start): the whole pipeline on the sample roadmap shipped in samples/ — import,
 * generated questionnaire responses, every menu job in order, a day of triggers — into out/demo/.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { messageOf } from '../core/errors';
import { RESPONSIBLE_HEADER } from '../core/layouts';
import { SHEETS } from '../core/messages';
import { SETTING_KEYS } from '../core/settings';
import { ensureSize } from '../sheets/sheet-size';
import { LocalHost } from './host';
import { importRoadmap } from './import-roadmap';
import { projectRoot } from './project';
import { sampleResponses } from './sample-responses';

export interface DemoOptions {
  /** Folder for the demo's workbooks and outbox; default out/demo in the project. */
  dir?: string;
  /** «Today» of the demo; default 2021-10-01, inside the sample roadmap's year. */
  today?: string;
}

/** The jobs a coordinator runs, in the order the menu suggests. */
const PIPELINE = [
  'createTemplate',
  'validateRoadmap',
  'refreshStatuses',
  'buildRiskProfiles',
  'previewReminders',
  'sendReminders',
  'sendWeeklySummary',
  'installTriggers',
];

/** Example addresses (example.ru is reserved: nothing is ever delivered there). */
const DEMO_PEOPLE: readonly (readonly [string, string, string, string])[] = [
  ['УО', 'Управление образования', 'uo@uo.example.ru', 'исполнитель'],
  ['УМЦ', 'Учебно-методический центр', 'umc@uo.example.ru', 'исполнитель'],
  ['Гундарев А.Б.', 'Гундарев Андрей Борисович', 'gundarev@uo.example.ru', 'исполнитель'],
  ['Лаврентьева С.А.', 'Лаврентьева Светлана Анатольевна', 'lavrentieva@uo.example.ru', 'исполнитель'],
  ['Лагода М.И.', 'Лагода Марина Ивановна', 'lagoda@uo.example.ru', 'исполнитель'],
  ['Ляхова Л.Н.', 'Ляхова Людмила Николаевна', 'lyakhova@uo.example.ru', 'исполнитель'],
  ['Медведкин П.Л.', 'Медведкин Павел Леонидович', 'medvedkin@uo.example.ru', 'исполнитель'],
  ['Координатор', 'Муниципальный координатор', 'coordinator@uo.example.ru', 'координатор'],
];

export async function demo(opts: DemoOptions = {}): Promise<number> {
  const root = projectRoot();
  const dir = opts.dir ?? join(root, 'out', 'demo');
  const today = opts.today ?? '2021-10-01';
  mkdirSync(dir, { recursive: true });
  // A fresh run: only the demo's own files go (the folder may be one the user named with --out).
  for (const f of readdirSync(dir)) {
    if (/^(roadmap|responses|demo)\.xlsx$|^demo-.*\.svg$/.test(f)) rmSync(join(dir, f), { force: true });
  }
  const oldOutbox = join(dir, 'outbox');
  if (existsSync(oldOutbox))
    for (const f of readdirSync(oldOutbox))
      if (f.endsWith('.eml')) rmSync(join(oldOutbox, f), { force: true });
  const sample = join(root, 'samples', 'roadmap.txt');
  if (!existsSync(sample)) throw new Error(`Нет образца дорожной карты ${sample}`);

  const roadmapBook = join(dir, 'roadmap.xlsx');
  const responsesBook = join(dir, 'responses.xlsx');
  if ((await importRoadmap(sample, roadmapBook)) === 2) return 2;
  await sampleResponses({ schools: 6, respondents: 12, out: responsesBook, seed: 500 });

  const outbox = join(dir, 'outbox');
  const host = await LocalHost.open(roadmapBook, { now: today, outbox });
  const responses = await LocalHost.open(responsesBook);
  const ss = host.services().spreadsheetApp.getActiveSpreadsheet();
  for (const name of [SHEETS.schools, SHEETS.questionnaire, SHEETS.responses]) {
    const rows = responses.values(name);
    if (rows.length === 0 || host.values(name).length > 0) continue;
    const sheet = ss.getSheetByName(name) ?? ss.insertSheet(name);
    const width = rows[0]?.length ?? 1;
    ensureSize(sheet, rows.length, width);
    sheet.getRange(1, 1, rows.length, width).setValues(rows);
  }

  // The coordinator's own part: who is who, and where the summary goes (the sample roadmap names these people).
  const people = ss.getSheetByName(SHEETS.responsible) ?? ss.insertSheet(SHEETS.responsible);
  const rows = DEMO_PEOPLE.map(([code, name, email, role]) => [code, name, email, role]);
  people
    .getRange(1, 1, rows.length + 1, RESPONSIBLE_HEADER.length)
    .setValues([[...RESPONSIBLE_HEADER], ...rows]);
  const settings = ss.getSheetByName(SHEETS.settings);
  const settingRows = settings?.getDataRange().getValues() ?? [];
  const at = settingRows.findIndex((r) => r[0] === SETTING_KEYS.coordinators[0]);
  if (settings && at >= 0) settings.getRange(at + 1, 2).setValue('coordinator@uo.example.ru');

  let failed = false;
  for (const job of PIPELINE) {
    try {
      const result = host.run<{ message?: string }>(job);
      process.stdout.write(`${job}: ${result?.message ?? 'готово'}\n`);
    } catch (e) {
      const text = messageOf(e);
      if (text.includes('ещё не реализовано'))
        process.stdout.write(`${job}: пока не реализовано, пропущено\n`);
      else {
        failed = true;
        process.stdout.write(`${job}: ошибка — ${text}\n`);
      }
    }
  }
  // Three days of the installed triggers: from Friday 1 October 2021 over the weekend to Monday's summary.
  const next = new Date(host.clock.now().getTime() + 3 * 86_400_000);
  for (const f of host.fireDue(next))
    process.stdout.write(`по расписанию ${f.handler}: ${f.error ? `ошибка — ${f.error}` : 'выполнено'}\n`);

  const out = join(dir, 'demo.xlsx');
  await host.save(out);
  for (const w of host.warnings) process.stderr.write(`Предупреждение: ${w}\n`);
  process.stdout.write(`\nКнига с результатами: ${out}\n`);
  if (host.sentMail.length > 0) process.stdout.write(`Письма (${host.sentMail.length}): ${outbox}\n`);
  return failed ? 1 : 0;
}
