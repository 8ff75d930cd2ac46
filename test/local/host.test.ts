/** The local host's spreadsheet as a job sees it: values, formulas, formats, rules, counting, loud gaps. */
import { dateInZone } from '../../src/core/dates';
import { appendJournal, readJournal } from '../../src/sheets/journal';
import { LocalHost } from '../../src/local/host';

describe('LocalHost spreadsheet', () => {
  it('reads empty cells as empty strings and writes values, formulas and text as Sheets does', () => {
    const host = LocalHost.fromSheets({
      Лист: [
        ['a', 1],
        [true, ''],
      ],
    });
    const sheet = host.services().spreadsheetApp.getActiveSpreadsheet().getSheetByName('Лист');
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getRange(1, 1, 3, 3).getValues()).toEqual([
      ['a', 1, ''],
      [true, '', ''],
      ['', '', ''],
    ]);
    sheet.getRange('C1:C3').setValues([['=A1&"!"'], ["'=не формула"], ['=B1']]);
    sheet.getRange('D1').setNumberFormat('@').setValue('=A1');
    expect(sheet.getRange('C1:D3').getFormulas()).toEqual([
      ['=A1&"!"', ''],
      ['', ''],
      ['=B1', ''],
    ]);
    expect(sheet.getRange('C2').getValues()).toEqual([['=не формула']]);
    expect(sheet.getRange('D1').getValues()).toEqual([['=A1']]);
    expect(sheet.getLastRow()).toBe(3);
    expect(sheet.getLastColumn()).toBe(4);
  });

  it('refuses ranges that start before the sheet, as Sheets does', () => {
    const sheet = LocalHost.fromSheets({ Лист: [['x']] }).spreadsheet.getSheets()[0];
    expect(() => sheet?.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet?.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet?.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet?.getRange(1, 1, 2, 2).setValues([['a']])).toThrow(
      /number of rows in the data does not match/,
    );
  });

  it('counts one getValues on a 10,000-row range as one call', () => {
    const rows = Array.from({ length: 10000 }, (_, i) => [i, `строка ${i}`]);
    const host = LocalHost.fromSheets({ Данные: rows });
    host.calls.reset();
    const values = host
      .services()
      .spreadsheetApp.getActiveSpreadsheet()
      .getSheetByName('Данные')
      ?.getRange(1, 1, 10000, 2)
      .getValues();
    expect(values).toHaveLength(10000);
    expect(host.calls.byMethod()).toEqual({
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'Spreadsheet.getSheetByName': 1,
      'Sheet.getRange': 1,
      'Range.getValues': 1,
    });
    expect(host.calls.total()).toBe(4);
  });

  it('fails loudly, naming the method, when the host lacks it', () => {
    const host = LocalHost.fromSheets({ Лист: [['x']] });
    const range = host
      .services()
      .spreadsheetApp.getActiveSpreadsheet()
      .getSheets()[0]
      ?.getRange('A1') as unknown as { getRichTextValues(): unknown };
    expect(() => range.getRichTextValues()).toThrow('Локальный хост не поддерживает Range.getRichTextValues');
    const session = host.services().session as unknown as { getUser(): unknown };
    expect(() => session.getUser()).toThrow('Локальный хост не поддерживает Session.getUser');
  });

  it('keeps conditional-format rules with their formula and colour', () => {
    const host = LocalHost.fromSheets({ Лист: [['x']] });
    const app = host.services().spreadsheetApp;
    const sheet = app.getActiveSpreadsheet().getSheetByName('Лист');
    if (!sheet) throw new Error('no sheet');
    const rule = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$A1="x"')
      .setBackground('#F4CCCC')
      .setRanges([sheet.getRange('A1:C10')])
      .build();
    sheet.setConditionalFormatRules([rule]);
    const [read] = host.spreadsheet.getSheetByName('Лист')?.getConditionalFormatRules() ?? [];
    expect(read?.getBooleanCondition()?.getCriteriaValues()).toEqual(['=$A1="x"']);
    expect(read?.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:C10']);
  });

  it('writes the journal through the services and reads it back with the simulated time', () => {
    const host = LocalHost.fromSheets(
      { Мероприятия: [['№']] },
      { now: '2025-03-10', timeZone: 'Asia/Vladivostok' },
    );
    appendJournal(host.services(), [{ job: 'test', event: 'проверка', who: '=кто' }]);
    const rows = readJournal(host.services());
    expect(rows).toHaveLength(1);
    expect(dateInZone(rows[0]?.[0] as Date, 'Asia/Vladivostok')).toBe('2025-03-10');
    expect(rows[0]?.[3]).toBe('=кто');
    expect(host.values('Журнал')[1]?.[1]).toBe('test');
  });

  it('runs a contract function of dist/Code.js in the vm with the simulated clock', () => {
    const host = LocalHost.fromSheets({ Лист: [['x']] }, { now: '2024-02-29' });
    host.run('onOpen');
    const menu = host.ui.find((e) => e.kind === 'menu');
    expect(menu?.title).toBe('Дорожная карта 500+');
    expect(menu?.text).toContain('validateRoadmap');
  });
});

describe('display values', () => {
  it('shows numbers, percentages, dates and date-times as a Russian-locale sheet does', () => {
    const host = LocalHost.fromSheets({
      Лист: [
        [
          3.5,
          0.25,
          new Date('2025-03-31T00:00:00+03:00'),
          new Date('2025-03-31T09:05:07+03:00'),
          true,
          1234567,
        ],
      ],
    });
    const sheet = host.services().spreadsheetApp.getActiveSpreadsheet().getSheetByName('Лист');
    if (!sheet) throw new Error('no sheet');
    sheet
      .getRange(1, 1, 1, 6)
      .setNumberFormats([['0.00', '0%', 'dd.MM.yyyy', 'dd.MM.yyyy HH:mm:ss', 'General', '#,##0']]);
    expect(sheet.getRange(1, 1, 1, 6).getDisplayValues()).toEqual([
      ['3,50', '25%', '31.03.2025', '31.03.2025 09:05:07', 'ИСТИНА', '1\u00a0234\u00a0567'],
    ]);
  });
});

describe('sheet dimensions', () => {
  it('throws like Sheets for a range past the last row, until the sheet grows', () => {
    const host = LocalHost.fromSheets({ Лист: [['x']] });
    const out = host.services().spreadsheetApp.getActiveSpreadsheet().insertSheet('Вывод');
    expect(out.getMaxRows()).toBe(1000);
    expect(() => out.getRange(1000, 1, 2, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    out.insertRowsAfter(out.getMaxRows(), 1);
    expect(out.getRange(1000, 1, 2, 1).getValues()).toEqual([[''], ['']]);
  });
});

describe('strings Sheets would parse', () => {
  it('warns once per column when a job writes «3,5» or «01.04.2021» as text into a cell not formatted «@»', () => {
    const host = LocalHost.fromSheets({ Лист: [['3,5']] });
    expect(host.warnings).toEqual([]);
    const sheet = host.services().spreadsheetApp.getActiveSpreadsheet().insertSheet('Вывод');
    sheet.getRange(1, 1, 3, 2).setValues([
      ['3,5', 'Педсовет'],
      ['01.04.2021', "'2021"],
      ['не менее 3', 'текст'],
    ]);
    sheet
      .getRange(1, 3, 2, 1)
      .setNumberFormat('@')
      .setValues([['1.1'], ['100%']]);
    expect(host.warnings).toEqual([
      expect.stringContaining('«Вывод»!A1: строка «3,5» в Google Таблицах станет числом'),
    ]);
    expect(sheet.getRange(1, 1, 2, 3).getValues()).toEqual([
      ['3,5', 'Педсовет', '1.1'],
      ['01.04.2021', '2021', '100%'],
    ]);
  });
});

describe('sheet names', () => {
  it('are found and kept unique regardless of case, as in Sheets', () => {
    const host = LocalHost.fromSheets({ Журнал: [['x']] });
    const ss = host.services().spreadsheetApp.getActiveSpreadsheet();
    expect(ss.getSheetByName('журнал')?.getName()).toBe('Журнал');
    expect(() => ss.insertSheet('ЖУРНАЛ')).toThrow(
      'A sheet with the name "ЖУРНАЛ" already exists. Please enter another name.',
    );
  });
});

describe('cell text limits', () => {
  it('refuses more than 50,000 characters in a cell, as Sheets does', () => {
    const sheet = LocalHost.fromSheets({ Лист: [['x']] })
      .services()
      .spreadsheetApp.getActiveSpreadsheet()
      .getSheets()[0];
    expect(() => sheet?.getRange('A1').setValue('я'.repeat(50001))).toThrow(
      'more than the maximum of 50000 characters',
    );
  });
});
