/** The roadmap500 command as a user runs it: built bin, exit codes, Russian messages, nothing written on failure. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { tempDir } from '../fixtures/temp-dir';

const bin = join(__dirname, '../../bin/roadmap500.js');
const dir = tempDir('roadmap500-cli-');

function roadmap500(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A workbook of the user's own notes only; returns its bytes. */
async function notesBook(path: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Заметки').getCell('A1').value = 'мои заметки';
  await wb.xlsx.writeFile(path);
  return readFileSync(path);
}

describe('roadmap500', () => {
  it('prints help in Russian with every job and exits 0', () => {
    const r = roadmap500('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Использование');
    for (const job of [
      'validateRoadmap',
      'refreshStatuses',
      'sendReminders',
      'dailyRefresh',
      'weeklySummary',
    ])
      expect(r.stdout).toContain(job);
  });

  it('prints the version', () => {
    const r = roadmap500('--version');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('refuses an unknown job with exit 2', () => {
    const r = roadmap500('fixEverything', 'book.xlsx');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Неизвестная задача «fixEverything»');
  });

  it('refuses a missing workbook with exit 2, a Russian message and no output file', () => {
    const r = roadmap500('createTemplate', 'нет-такой.xlsx');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/не найден/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(dir).filter((f) => f.includes('нет-такой'))).toEqual([]);
  });

  it('refuses a text file renamed .xlsx with exit 2 and writes nothing', () => {
    writeFileSync(join(dir, 'текст.xlsx'), 'Мероприятие;Срок\nПедсовет;до 31.03.2021\n');
    const r = roadmap500('createTemplate', 'текст.xlsx');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/не книга Excel/);
    expect(existsSync(join(dir, 'текст.bak.xlsx'))).toBe(false);
  });

  it('refuses a damaged workbook (cut short) with exit 2 and writes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Лист1').getCell('A1').value = 'x';
    const whole = (await wb.xlsx.writeBuffer()) as unknown as Buffer;
    writeFileSync(join(dir, 'обрезана.xlsx'), whole.subarray(0, Math.floor(whole.length / 2)));
    const r = roadmap500('validateRoadmap', 'обрезана.xlsx');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'повреждена и не читается (файл обрезан при копировании или это не книга Excel)',
    );
    expect(r.stderr).not.toMatch(/zip|central directory/i); // the library's English stays out
    expect(existsSync(join(dir, 'обрезана.bak.xlsx'))).toBe(false);
  });

  it('refuses a workbook open in another program (its lock file is present)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Лист1').getCell('A1').value = 'x';
    await wb.xlsx.writeFile(join(dir, 'открыта.xlsx'));
    writeFileSync(join(dir, '.~lock.открыта.xlsx#'), 'Иванова,ivanova;');
    const r = roadmap500('createTemplate', 'открыта.xlsx');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/открыта в другой программе/);
    expect(existsSync(join(dir, 'открыта.bak.xlsx'))).toBe(false);
  });

  it('refuses a bad --today and an unknown option with exit 2', () => {
    expect(roadmap500('createTemplate', 'x.xlsx', '--today', '31.03.2025')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('ГГГГ-ММ-ДД'),
    });
    expect(roadmap500('createTemplate', 'x.xlsx', '--bogus')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('Неизвестный параметр --bogus'),
    });
  });

  it('refuses a --today that is not in the calendar, with the reason, exit 2 and nothing written', async () => {
    const book = join(dir, 'календарь.xlsx');
    const original = await notesBook(book);
    for (const [day, reason] of [
      ['2025-13-01', 'месяц 13'],
      ['2025-00-10', 'месяц 0'],
      ['2025-02-30', 'в феврале 2025 года 28 дней'],
    ]) {
      const r = roadmap500('refreshStatuses', 'календарь.xlsx', '--today', day);
      expect([day, r.status, r.stderr.trim()]).toEqual([
        day,
        2,
        `roadmap500: --today: такой даты нет: ${day} (${reason}).`,
      ]);
    }
    expect(readFileSync(book).equals(original)).toBe(true);
    expect(existsSync(join(dir, 'календарь.bak.xlsx'))).toBe(false);
    // Every command that takes --today checks it the same way.
    const rollup = roadmap500('rollup', 'календарь.xlsx', '--out', 'регион.xlsx', '--today', '2025-13-01');
    expect([rollup.status, rollup.stderr]).toEqual([
      2,
      expect.stringContaining('такой даты нет: 2025-13-01 (месяц 13)'),
    ]);
    expect(existsSync(join(dir, 'регион.xlsx'))).toBe(false);
  });

  it('names the command to type, not a menu item, when «Анкета» lacks its blocks', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Анкета').addRows([['что-то'], ['ещё']]);
    wb.addWorksheet('Школы').addRows([
      ['Код', 'Полное наименование', 'Краткое наименование', 'Отчитывающиеся (email)', 'Куратор (email)'],
      ['ШК', 'Школа', 'Школа', 'shk@school.ru', ''],
    ]);
    wb.addWorksheet('Ответы').addRows([
      ['Отметка времени', 'Школа', 'Роль', 'В1'],
      ['01.01.2021', 'ШК', 'учитель', '3'],
    ]);
    await wb.xlsx.writeFile(join(dir, 'анкета.xlsx'));
    const r = roadmap500('buildRiskProfiles', 'анкета.xlsx');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('нет блока факторов');
    expect(r.stderr).toContain('Выполните roadmap500 createTemplate "анкета.xlsx" или добавьте');
    expect(r.stderr).not.toContain('«Создать шаблон листов»');
  });

  it('updates the workbook in place and keeps the previous version as <name>.bak.xlsx', async () => {
    const input = join(dir, 'пустая.xlsx');
    const original = await notesBook(input);
    const before = readdirSync(dir).length;
    const r = roadmap500('createTemplate', 'пустая.xlsx', '--today', '2025-03-01');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Книга записана: ${input}`);
    expect(readdirSync(dir).length).toBe(before + 1);
    expect(readFileSync(join(dir, 'пустая.bak.xlsx')).equals(original)).toBe(true);
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(input);
    expect(out.getWorksheet('Заметки')?.getCell('A1').value).toBe('мои заметки');
    expect(out.getWorksheet('Мероприятия')).toBeDefined();
  });

  it('with --out writes the other workbook and leaves the input byte-identical', () => {
    const input = join(dir, 'пустая.xlsx');
    const original = readFileSync(input);
    const r = roadmap500('validateRoadmap', 'пустая.xlsx', '--out', 'копия.xlsx', '--today', '2025-03-01');
    expect(r.stdout).toContain(join(dir, 'копия.xlsx'));
    expect(existsSync(join(dir, 'копия.xlsx'))).toBe(true);
    expect(readFileSync(input).equals(original)).toBe(true);
  });

  it('exits 1 when the job finds errors in the data, and still writes its report', async () => {
    const book = join(dir, 'импорт.xlsx');
    expect(roadmap500('import', join(__dirname, '../../samples/roadmap.txt'), '--out', book).status).toBe(0);
    const r = roadmap500('validateRoadmap', book, '--today', '2021-10-01');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('«Проверка»');
    const saved = new ExcelJS.Workbook();
    await saved.xlsx.readFile(book);
    expect(saved.getWorksheet('Проверка')).toBeDefined();
  });

  it('names the command to run, not a Google menu item, when a sheet is missing', async () => {
    const book = join(dir, 'без-листа.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Мероприятия (старое)').getCell('A1').value = 'x';
    await wb.xlsx.writeFile(book);
    const r = roadmap500('validateRoadmap', 'без-листа.xlsx');
    expect(r.stderr).toContain('Листы в таблице: «Мероприятия (старое)»');
    expect(r.stderr).toContain('roadmap500 createTemplate "без-листа.xlsx"');
    expect(r.stderr).not.toContain('→');
  });

  it('runs the demo pipeline (npm start) and writes the workbook and Cyrillic .eml files', async () => {
    const out = join(dir, 'demo');
    const r = roadmap500('demo', '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(join(out, 'demo.xlsx'));
    const letters = readdirSync(join(out, 'outbox'));
    expect(letters.length).toBeGreaterThan(0);
    const mail = await simpleParser(readFileSync(join(out, 'outbox', letters[0] ?? '')));
    expect(mail.subject).toMatch(/[А-Яа-я]/);
  });
});
