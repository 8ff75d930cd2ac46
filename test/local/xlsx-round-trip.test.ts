/** A user's workbook goes through the host (load → a job → save) and comes back cell for cell. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { dateInZone } from '../../src/core/dates';
import { LocalHost } from '../../src/local/host';
import { importRoadmap } from '../../src/local/import-roadmap';
import { readWorkbook } from '../../src/local/xlsx';
import { appendJournal } from '../../src/sheets/journal';
import { refreshStatuses } from '../../src/sheets/refresh-statuses';
import { ROADMAP_COL } from '../../src/sheets/roadmap-sheet';
import { validateRoadmap } from '../../src/sheets/validate-roadmap';
import { statusSheets } from '../fixtures/status-workbook';
import { tempDir } from '../fixtures/temp-dir';

const dir = tempDir('roadmap500-xlsx-');

/** A coordinator's workbook: Cyrillic names, merges, dates, «3,5» as text, formulas, colours, formats, widths. */
async function userWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Мероприятия');
  ws.getCell('A1').value = 'Дорожная карта МБОУ СОШ № 5';
  ws.mergeCells('A1:D1');
  ws.addRow(['№', 'Мероприятие', 'Срок', 'Значение']);
  ws.addRow([1, 'Педсовет «Объективность оценивания»', new Date(Date.UTC(2021, 2, 31)), '3,5']);
  ws.addRow([2, 'Курсы повышения квалификации', new Date(Date.UTC(2021, 11, 1)), 'не менее 3']);
  ws.getCell('C3').numFmt = 'dd.mm.yyyy';
  ws.getCell('C4').numFmt = 'dd.mm.yyyy';
  ws.getCell('A5').value = { formula: 'SUM(A3:A4)', result: 3 };
  ws.getCell('D5').value = 0.25;
  ws.getCell('D5').numFmt = '0%';
  ws.getCell('B2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
  ws.getCell('B2').font = { bold: true, color: { argb: 'FF1F4E79' } };
  ws.getColumn(2).width = 48;
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  const s2 = wb.addWorksheet('Ответственные');
  s2.addRow(['Код', 'Почта']);
  s2.addRow(['УО', 'uo@example.ru']);
  await wb.xlsx.writeFile(path);
}

interface CellSnapshot {
  value: unknown;
  formula?: string;
  numFmt?: string;
  fill?: unknown;
  font?: unknown;
}

async function snapshot(
  path: string,
  sheet: string,
): Promise<{ cells: Record<string, CellSnapshot>; merges: string[]; widths: (number | undefined)[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const cells: Record<string, CellSnapshot> = {};
  ws.eachRow((row) =>
    row.eachCell((c) => {
      cells[c.address] = {
        value: c.formula ? c.result : c.value,
        formula: c.formula,
        numFmt: c.numFmt,
        fill: c.fill,
        font: c.font,
      };
    }),
  );
  const merges = (ws.model as unknown as { merges: string[] }).merges.sort();
  return { cells, merges, widths: [1, 2, 3, 4].map((i) => ws.getColumn(i).width) };
}

describe('xlsx round trip', () => {
  it('keeps the user sheets identical while a job writes its own sheet', async () => {
    const input = join(dir, 'карта.xlsx');
    const output = join(dir, 'карта.out.xlsx');
    await userWorkbook(input);
    const host = await LocalHost.open(input, { now: '2025-05-20', timeZone: 'Asia/Vladivostok' });
    expect(host.values('Мероприятия')[3]?.[3]).toBe('не менее 3');
    appendJournal(host.services(), [{ job: 'validateRoadmap', event: 'проверка', details: '3,5' }]);
    await host.save(output);

    for (const name of ['Мероприятия', 'Ответственные'])
      expect(await snapshot(output, name)).toEqual(await snapshot(input, name));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(output);
    expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual([
      'Мероприятия',
      'Ответственные',
      'Журнал',
    ]);
    expect(wb.getWorksheet('Журнал')?.getCell('E2').value).toBe('3,5');
    expect(wb.getWorksheet('Мероприятия')?.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  });

  it('passes large sheets through without exceljs: the same values read, the same cells saved', async () => {
    const input = join(dir, 'большая.xlsx');
    const output = join(dir, 'большая.out.xlsx');
    await userWorkbook(input);
    const opts = { now: '2025-05-20', timeZone: 'Asia/Vladivostok' };
    // a threshold of one byte passes every user sheet through
    const read = await readWorkbook(input, 1);
    expect(read.passed?.light.sheets.map((x) => x.name)).toEqual(['Мероприятия', 'Ответственные']);
    expect(read.workbook.getWorksheet('Ответственные')?.actualRowCount).toBe(0);
    const passed = await LocalHost.open(input, { ...opts, passThroughBytes: 1 });
    const loaded = await LocalHost.open(input, opts);
    for (const name of ['Мероприятия', 'Ответственные']) {
      expect(passed.values(name)).toEqual(loaded.values(name));
      expect(passed.spreadsheet.getSheetByName(name)?.getDataRange().getDisplayValues()).toEqual(
        loaded.spreadsheet.getSheetByName(name)?.getDataRange().getDisplayValues(),
      );
    }
    appendJournal(passed.services(), [{ job: 'validateRoadmap', event: 'проверка', details: '3,5' }]);
    await passed.save(output);
    for (const name of ['Мероприятия', 'Ответственные'])
      expect(await snapshot(output, name)).toEqual(await snapshot(input, name));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(output);
    expect(wb.getWorksheet('Журнал')?.getCell('E2').value).toBe('3,5');
    expect(wb.getWorksheet('Мероприятия')?.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  });

  it('loads the whole file when a job writes a sheet that was passed through', async () => {
    const input = join(dir, 'большая-запись.xlsx');
    const output = join(dir, 'большая-запись.out.xlsx');
    await userWorkbook(input);
    const host = await LocalHost.open(input, { timeZone: 'Asia/Vladivostok', passThroughBytes: 1 });
    host.spreadsheet.getSheetByName('Ответственные')?.getRange('C2').setValue('новое');
    await host.save(output);
    const before = await snapshot(input, 'Мероприятия');
    expect(await snapshot(output, 'Мероприятия')).toEqual(before);
    const after = await snapshot(output, 'Ответственные');
    expect(after.cells['C2']?.value).toBe('новое');
    expect(after.cells['B2']?.value).toBe('uo@example.ru');
  });

  it('reads a date cell as midnight of its calendar date in the spreadsheet time zone', async () => {
    const input = join(dir, 'даты.xlsx');
    await userWorkbook(input);
    for (const timeZone of ['Asia/Vladivostok', 'Europe/Kaliningrad']) {
      const host = await LocalHost.open(input, { timeZone });
      const due = host.values('Мероприятия')[2]?.[2] as Date;
      expect(dateInZone(due, timeZone)).toBe('2021-03-31');
      expect(host.spreadsheet.getSheetByName('Мероприятия')?.getRange('C3').getDisplayValues()).toEqual([
        ['31.03.2021'],
      ]);
    }
  });

  it('writes conditional-format rules, validation and notes that Excel shows and the host reads back', async () => {
    const input = join(dir, 'правила.xlsx');
    const output = join(dir, 'правила.out.xlsx');
    await userWorkbook(input);
    const host = await LocalHost.open(input);
    const app = host.services().spreadsheetApp;
    const sheet = app.getActiveSpreadsheet().getSheetByName('Мероприятия');
    if (!sheet) throw new Error('no sheet');
    sheet.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenFormulaSatisfied('=$C3<TODAY()')
        .setBackground('#f4cccc')
        .setRanges([sheet.getRange('A3:D4')])
        .build(),
    ]);
    const out = app.getActiveSpreadsheet().insertSheet('Проверка');
    out
      .getRange(1, 1)
      .setValue('Статус')
      .setNote('Выберите статус')
      .setDataValidation(app.newDataValidation().requireValueInList(['да', 'нет']).build());
    out.setFrozenRows(1);
    out.setFrozenColumns(2);
    out.setRowHeights(1, 1, 42);
    await host.save(output);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(output);
    const cf = (
      wb.getWorksheet('Мероприятия') as unknown as {
        conditionalFormattings: {
          ref: string;
          rules: { formulae: string[]; style: { fill: { bgColor: { argb: string } } } }[];
        }[];
      }
    ).conditionalFormattings;
    expect(cf).toHaveLength(1);
    expect(cf[0]?.ref).toBe('A3:D4');
    expect(cf[0]?.rules[0]?.formulae).toEqual(['$C3<TODAY()']);
    expect(cf[0]?.rules[0]?.style.fill.bgColor.argb).toBe('FFF4CCCC');
    expect(wb.getWorksheet('Проверка')?.getCell('A1').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"да,нет"'],
    });

    const again = await LocalHost.open(output);
    const rule = again.spreadsheet.getSheetByName('Мероприятия')?.getConditionalFormatRules()[0];
    expect(rule?.getBooleanCondition()?.getCriteriaValues()).toEqual(['=$C3<TODAY()']);
    const check = again.spreadsheet.getSheetByName('Проверка');
    expect(check?.getRange('A1').getNotes()).toEqual([['Выберите статус']]);
    expect(check?.getFrozenRows()).toBe(1);
    expect(check?.getFrozenColumns()).toBe(2);
    expect(wb.getWorksheet('Проверка')?.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 1 });
    // Excel measures rows in points: 42 px is 31.5 pt
    expect(wb.getWorksheet('Проверка')?.getRow(1).height).toBe(31.5);
  });
});

describe('host state between runs', () => {
  it('keeps document properties, triggers, the mail quota and the time zone in the saved workbook, out of sight', async () => {
    const input = join(dir, 'состояние.xlsx');
    const output = join(dir, 'состояние.out.xlsx');
    await userWorkbook(input);
    const first = await LocalHost.open(input, {
      now: '2025-05-20',
      timeZone: 'Asia/Vladivostok',
      dailyQuota: 5,
    });
    first.services().properties.setProperty('очередь', '["ivanova@example.ru"]');
    first
      .services()
      .scriptApp.newTrigger('dailyRefresh')
      .timeBased()
      .everyDays(1)
      .atHour(8)
      .inTimezone('Asia/Vladivostok')
      .create();
    first.services().mailApp.sendEmail({ to: 'a@example.ru, b@example.ru', subject: 'Тема', body: 'Текст' });
    await first.save(output);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(output);
    expect(wb.getWorksheet('_properties')?.state).toBe('veryHidden');

    const second = await LocalHost.open(output, { now: '2025-05-20', dailyQuota: 5 });
    expect(second.services().properties.getProperty('очередь')).toBe('["ivanova@example.ru"]');
    expect(second.triggers()).toMatchObject([
      { handler: 'dailyRefresh', atHour: 8, timeZone: 'Asia/Vladivostok' },
    ]);
    expect(second.services().mailApp.getRemainingDailyQuota()).toBe(3);
    expect(second.spreadsheet.getSpreadsheetTimeZone()).toBe('Asia/Vladivostok');
    expect(second.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Мероприятия', 'Ответственные']);
    expect(dateInZone(second.values('Мероприятия')[2]?.[2] as Date, 'Asia/Vladivostok')).toBe('2021-03-31');
  });
});

describe('what the host saves is what it reads back', () => {
  /** Everything a user sees of each sheet through the services. */
  function view(host: LocalHost): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const sheet of host.spreadsheet.getSheets()) {
      const range = sheet.getDataRange();
      out[sheet.getName()] = {
        // Excel spells date formats in lower case («dd.mm.yyyy hh:mm»); the host writes them so.
        values: range.getValues(),
        formulas: range.getFormulas(),
        formats: range.getNumberFormats().map((r) => r.map((f) => (/[dy]/i.test(f) ? f.toLowerCase() : f))),
        backgrounds: range.getBackgrounds(),
        notes: range.getNotes(),
        merges: range.getMergedRanges().map((m) => m.getA1Notation()),
        frozen: sheet.getFrozenRows(),
        rules: sheet
          .getConditionalFormatRules()
          .map((r) => [
            r.getBooleanCondition()?.getCriteriaValues(),
            r.getRanges().map((x) => x.getA1Notation()),
          ]),
      };
    }
    return out;
  }

  it('round-trips every sheet of a real pipeline run, and a second run over the saved book changes nothing', async () => {
    const book = join(dir, 'конвейер.xlsx');
    const quiet = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await importRoadmap(join(__dirname, '../../samples/roadmap.txt'), book)).toBe(0);
    } finally {
      quiet.mockRestore();
    }
    const host = await LocalHost.open(book, { now: '2021-10-01' });
    for (const job of ['createTemplate', 'validateRoadmap', 'refreshStatuses']) host.run(job);
    const before = view(host);
    const saved = join(dir, 'конвейер.out.xlsx');
    await host.save(saved);

    const again = await LocalHost.open(saved, { now: '2021-10-01' });
    expect(view(again)).toEqual(before);
    for (const job of ['validateRoadmap', 'refreshStatuses']) again.run(job);
    const rerun = view(again);
    await again.save(saved);
    expect(view(await LocalHost.open(saved, { now: '2021-10-01' }))).toEqual(rerun);
    expect(Object.keys(rerun)).toEqual(Object.keys(before));
  });
});

describe('product sheets rewritten over an earlier run', () => {
  it('clears, deletes and removes validation so nothing of the old content is left in the file', async () => {
    const first = join(dir, 'перезапись.xlsx');
    const second = join(dir, 'перезапись.out.xlsx');
    const host = LocalHost.fromSheets({
      Проверка: [
        ['Лист', 'Ячейка'],
        ['Мероприятия', 'C5'],
        ['Мероприятия', 'C9'],
      ],
      Сводка: [['старое']],
      Мероприятия: [['№']],
    });
    const app = host.services().spreadsheetApp;
    const check = app.getActiveSpreadsheet().getSheetByName('Проверка');
    if (!check) throw new Error('no sheet');
    check
      .getRange('A2')
      .setDataValidation(app.newDataValidation().requireValueInList(['да']).build())
      .setBackground('#ff0000');
    await host.save(first);

    const again = await LocalHost.open(first);
    const ss = again.services().spreadsheetApp.getActiveSpreadsheet();
    const old = ss.getSheetByName('Проверка');
    if (!old) throw new Error('no sheet');
    old.clear();
    old.getRange(1, 1, 1, 2).setValues([['Лист', 'Ячейка']]);
    const summary = ss.getSheetByName('Сводка');
    if (summary) ss.deleteSheet(summary);
    const cells = ss.getSheetByName('Мероприятия')?.getRange('A1');
    cells?.setDataValidation(app.newDataValidation().requireValueInList(['1', '2']).build());
    cells?.setDataValidation(null);
    await again.save(second);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(second);
    expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual([
      'Проверка',
      'Мероприятия',
    ]);
    const ws = wb.getWorksheet('Проверка');
    expect(ws?.actualRowCount).toBe(1);
    expect(ws?.getCell('A2').dataValidation).toBeUndefined();
    expect(ws?.getCell('A2').fill).toBeUndefined();
    expect(wb.getWorksheet('Мероприятия')?.getCell('A1').dataValidation).toBeUndefined();
  });
});

describe('charts', () => {
  it('renders each embedded chart beside the saved workbook as <book>-<sheet>-<n>.svg', async () => {
    const host = LocalHost.fromSheets({
      Профили: [
        ['Школа', 'Риск'],
        ['СОШ № 1', 0.7],
        ['СОШ № 2', 0.3],
      ],
    });
    const sheet = host.services().spreadsheetApp.getActiveSpreadsheet().getSheetByName('Профили');
    if (!sheet) throw new Error('no sheet');
    const chart = sheet
      .newChart()
      .asBarChart()
      .addRange(sheet.getRange('A1:B3'))
      .setPosition(1, 4, 0, 0)
      .setOption('title', 'Риски школ')
      .build();
    sheet.insertChart(chart);
    expect(sheet.getCharts()[0]?.getOptions().get('title')).toBe('Риски школ');
    const out = join(dir, 'графики.xlsx');
    await host.save(out);
    const svg = readFileSync(join(dir, 'графики-Профили-1.svg'), 'utf8');
    expect(svg).toContain('<svg');
    expect(svg).toContain('СОШ № 1');
  });
});

describe('dropdowns Excel cannot hold', () => {
  it('leaves out a list longer than 255 characters instead of writing a file Excel calls damaged', async () => {
    const host = LocalHost.fromSheets({ Школы: [['Код']] });
    const app = host.services().spreadsheetApp;
    const schools = Array.from({ length: 40 }, (_, i) => `МБОУ СОШ № ${i + 1}`);
    const sheet = app.getActiveSpreadsheet().getSheetByName('Школы');
    sheet?.getRange('B1').setDataValidation(app.newDataValidation().requireValueInList(schools).build());
    sheet
      ?.getRange('C1')
      .setDataValidation(app.newDataValidation().requireValueInList(['да', 'нет']).build());
    const out = join(dir, 'списки.xlsx');
    await host.save(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('Школы')?.getCell('B1').dataValidation).toBeUndefined();
    expect(wb.getWorksheet('Школы')?.getCell('C1').dataValidation).toMatchObject({ formulae: ['"да,нет"'] });
    expect(host.warnings).toEqual([expect.stringContaining('«Школы»!B1: список выбора длиннее 255 знаков')]);
    expect(host.spreadsheet.getSheetByName('Школы')?.getRange('B1').getValues()).toEqual([['']]);
  });
});

describe('parts exceljs cannot carry', () => {
  it('warns that the user’s own charts will be missing from the saved copy', async () => {
    const plain = join(dir, 'без-диаграмм.xlsx');
    await userWorkbook(plain);
    expect((await LocalHost.open(plain)).warnings).toEqual([]);
    // A chart part as Excel writes it; exceljs reads past it and would not write it back.
    const zip = await JSZip.loadAsync(readFileSync(plain));
    zip.file(
      'xl/charts/chart1.xml',
      '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>',
    );
    const withChart = join(dir, 'с-диаграммой.xlsx');
    writeFileSync(withChart, await zip.generateAsync({ type: 'nodebuffer' }));
    const host = await LocalHost.open(withChart);
    expect(host.warnings).toEqual([
      expect.stringContaining('В книге есть диаграммы: в записанную копию они не попадут'),
    ]);
    expect(host.values('Мероприятия')[1]?.[0]).toBe('№');
  });
});

describe('formulas the script writes', () => {
  it('are saved as formulas and the workbook asks Excel and LibreOffice to compute them on opening', async () => {
    const host = LocalHost.fromSheets({ Сводка: [[1, 2]] });
    host
      .services()
      .spreadsheetApp.getActiveSpreadsheet()
      .getSheetByName('Сводка')
      ?.getRange('C1')
      .setValue('=A1+B1');
    const out = join(dir, 'формулы.xlsx');
    await host.save(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('Сводка')?.getCell('C1').formula).toBe('A1+B1');
    // exceljs does not read calcPr back: look at the part itself.
    const workbookXml = await (
      await JSZip.loadAsync(readFileSync(out))
    )
      .file('xl/workbook.xml')
      ?.async('string');
    expect(workbookXml).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });
});

describe('formula syntax in the file', () => {
  it("keeps Sheets' (en-US) formulas as they are, links within the book as Excel links, and reads them back as Sheets has them", async () => {
    const host = LocalHost.fromSheets({ Мероприятия: [['№'], [1]], Итоги: [['']] });
    const ss = host.services().spreadsheetApp.getActiveSpreadsheet();
    const target = ss.getSheetByName('Мероприятия');
    if (!target) throw new Error('no sheet');
    const link = `=HYPERLINK("#gid=${target.getSheetId()}&range=A2","Мероприятия!A2, «план; факт»")`;
    const formula = '=IF(A2>0,"да;нет, да",{1,2;3,4})';
    ss.getSheetByName('Итоги')
      ?.getRange('A1:B1')
      .setValues([[link, formula]]);
    expect(host.warnings).toEqual([]);
    const out = join(dir, 'ссылки.xlsx');
    await host.save(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('Итоги')?.getCell('A1').formula).toBe(
      `HYPERLINK("#'Мероприятия'!A2","Мероприятия!A2, «план; факт»")`,
    );
    expect(wb.getWorksheet('Итоги')?.getCell('B1').formula).toBe(formula.slice(1));
    const again = await LocalHost.open(out);
    expect(again.spreadsheet.getSheetByName('Итоги')?.getRange('A1:B1').getFormulas()).toEqual([
      [link, formula],
    ]);
  });

  it('warns that Sheets shows #ERROR! for a formula with «;» between arguments, and still saves a file Excel opens', async () => {
    const host = LocalHost.fromSheets({ Итоги: [['']] });
    const app = host.services().spreadsheetApp;
    const sheet = app.getActiveSpreadsheet().getSheetByName('Итоги');
    if (!sheet) throw new Error('no sheet');
    sheet.getRange('A1:A2').setValues([['=IF(B1>0;"да";"нет")'], ['=SUM(1,2)']]);
    sheet.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenFormulaSatisfied('=AND($B1>0;$B1<5)')
        .setBackground('#f4cccc')
        .setRanges([sheet.getRange('A1:B9')])
        .build(),
    ]);
    expect(host.warnings).toEqual([
      expect.stringMatching(/^«Итоги»!A1: формула «=IF\(B1>0;"да";"нет"\)» .*#ERROR!.*запят/),
      expect.stringMatching(
        /^«Итоги»!A1:B9: формула условного форматирования «=AND\(\$B1>0;\$B1<5\)» .*#ERROR!/,
      ),
    ]);
    const out = join(dir, 'точка-с-запятой.xlsx');
    await host.save(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('Итоги')?.getCell('A1').formula).toBe('IF(B1>0,"да","нет")');
  });

  it('a validated roadmap saves comma-separated links and conditional rules that Excel reads', async () => {
    const host = LocalHost.fromSheets(statusSheets(), { now: '2021-04-01' });
    validateRoadmap(host.services());
    refreshStatuses(host.services());
    expect(host.warnings.filter((w) => w.includes('#ERROR!'))).toEqual([]);
    const out = join(dir, 'дорожная-карта.xlsx');
    await host.save(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const source = wb.getWorksheet('Дорожная карта')?.getCell(2, ROADMAP_COL.source).formula;
    expect(source).toMatch(/^HYPERLINK\("#'Мероприятия'!B\d+","Мероприятия!B\d+"\)$/);
    const rules = (name: string): string[] =>
      (
        wb.getWorksheet(name) as unknown as { conditionalFormattings: { rules: { formulae: string[] }[] }[] }
      ).conditionalFormattings.flatMap((cf) => cf.rules.flatMap((r) => r.formulae));
    const formulas = [...rules('Дорожная карта'), ...rules('Мероприятия')];
    expect(formulas.length).toBeGreaterThan(0);
    // Outside string literals: commas between arguments, never «;».
    for (const f of formulas) expect(f.replace(/"(?:[^"]|"")*"/g, '""')).toMatch(/^[^;]*,[^;]*$/);
  });
});

describe('sheet names Excel refuses', () => {
  it('writes a Sheets-only name in a form Excel accepts and says so', async () => {
    const host = LocalHost.fromSheets({ Лист: [['x']] });
    host
      .services()
      .spreadsheetApp.getActiveSpreadsheet()
      .insertSheet('Отчёт: 2024/2025 [черновик] с очень длинным именем')
      .getRange('A1')
      .setValue('y');
    const out = join(dir, 'имена.xlsx');
    await host.save(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const names = wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name);
    expect(names).toEqual(['Лист', 'Отчёт_ 2024_2025 _черновик_ с о']);
    expect(host.warnings).toEqual([
      expect.stringContaining('записан в .xlsx как «Отчёт_ 2024_2025 _черновик_ с о»'),
    ]);
  });
});
