/**
 * README «Как работать без Google», verbatim: the commands as printed, in order, on one workbook in place.
 * The one step a person does by hand (addresses into «Ответственные») is done here with exceljs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { SEEDS_DIR } from '../fixtures/seed-roadmaps';

const root = join(__dirname, '../..');
const bin = join(root, 'bin/roadmap500.js');
const dir = mkdtempSync(join(tmpdir(), 'roadmap500-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The lines of the first ```sh block of the section, as printed. */
function readmeLines(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Как работать без Google'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block.split('\n').filter((l) => l.trim() !== '');
}

/** Shell-like words of a command line without its trailing comment. */
function words(line: string): string[] {
  return line
    .replace(/\s+#.*$/, '')
    .trim()
    .split(/\s+/);
}

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What the reader does by hand: real addresses instead of the template's examples. */
async function fillResponsible(book: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(book);
  const ws = wb.getWorksheet('Ответственные');
  if (!ws) throw new Error('createTemplate did not add «Ответственные»');
  ws.spliceRows(2, ws.rowCount);
  ws.addRows([
    ['УО', 'Управление образования', 'uo@edu.kray.ru', 'исполнитель'],
    ['ММЦ', 'Муниципальный методический центр', 'mmc@edu.kray.ru', 'исполнитель'],
    ['ДО', 'Департамент образования', 'do@edu.kray.ru', 'исполнитель'],
    ['ОО', 'Общеобразовательные организации', 'oo@edu.kray.ru', 'исполнитель'],
  ]);
  await wb.xlsx.writeFile(book);
}

it('runs the README walkthrough as printed: statuses and colours in the book, no second email the same day', async () => {
  const lines = readmeLines();
  expect(lines.length).toBeGreaterThan(5);
  const book = join(dir, 'карта.xlsx');
  let reminders: string[] | undefined;
  for (const line of lines) {
    if (line.startsWith('#')) {
      if (line.includes('«Ответственные»')) await fillResponsible(book);
      continue;
    }
    const [npx, command, ...args] = words(line);
    expect([npx, command]).toEqual(['npx', 'roadmap500']);
    // The report forms serve until Ctrl+C: tested in serve-sidebar.test.ts and the browser tests.
    if (args[0] === 'serve-sidebar' || args[0] === 'serve') continue;
    const resolved = args.map((a) => a.replace(/^samples\/seeds\//, `${SEEDS_DIR}/`));
    const r = run(resolved);
    // validateRoadmap finds real problems in a real roadmap (exit 1, listed on «Проверка»); nothing may fail.
    if (args[0] === 'validateRoadmap') expect([0, 1]).toContain(r.status);
    else expect({ line, status: r.status, stderr: r.stderr }).toMatchObject({ line, status: 0 });
    if (args[0] === 'sendReminders') reminders = resolved;
  }
  const outbox = join(dir, 'письма');
  const letters = readdirSync(outbox);
  expect(letters.length).toBeGreaterThan(0);
  // Links work where the reader is: the place in the book by name, no Google link, no path of this disk.
  const mail = await simpleParser(readFileSync(join(outbox, letters[0] ?? '')));
  expect(mail.text).toMatch(/лист «Мероприятия», ячейка A\d+, книга карта\.xlsx/);
  expect(`${mail.text ?? ''}${typeof mail.html === 'string' ? mail.html : ''}`).not.toMatch(
    new RegExp(`docs\\.google\\.com|${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
  );

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(book);
  const statuses = wb.getWorksheet('Дорожная карта');
  expect(statuses).toBeDefined();
  const texts = JSON.stringify(statuses?.getSheetValues());
  expect(texts).toMatch(/Просрочено|Скоро срок|В работе|Выполнено|Запланировано/);
  const rules = (statuses as unknown as { conditionalFormattings: { rules: unknown[] }[] })
    .conditionalFormattings;
  expect(rules.flatMap((cf) => cf.rules).length).toBeGreaterThan(0);
  expect(readdirSync(dir)).toContain('карта.bak.xlsx');

  // The same day again: nothing new in the outbox.
  const again = run(reminders ?? []);
  expect(again.status).toBe(0);
  expect(readdirSync(outbox)).toHaveLength(letters.length);
  expect(again.stdout).toContain('Отправлено писем: 0.');
});
