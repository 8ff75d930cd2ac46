import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  municipalityCode,
  tableCounts,
  TABLE_NAMES,
  TABLES,
  type DataTables,
} from '../../src/core/data-model';
import { defaultSettings } from '../../src/core/settings';

describe('the data model of record', () => {
  const doc = readFileSync(join(__dirname, '../../docs/data-model.md'), 'utf8');

  it('docs/data-model.md documents every table and column with its type', () => {
    for (const table of TABLE_NAMES) {
      expect(doc).toContain(`### \`${table}\``);
      const section = doc.slice(doc.indexOf(`### \`${table}\``)).split('\n### ')[0] ?? '';
      for (const c of TABLES[table]) expect(section).toMatch(new RegExp(`\\| \`${c.name}\` \\| ${c.type} /`));
    }
  });

  it('counts the rows of each table in Russian, in the plural the number takes', () => {
    const sizes = [1, 21, 2, 22, 5, 11, 0, 104, 3];
    const tables = Object.fromEntries(
      TABLE_NAMES.map((t, i) => [t, Array.from({ length: sizes[i] ?? 0 }, () => [])]),
    ) as unknown as DataTables;
    expect(tableCounts(tables)).toBe(
      '1 муниципалитет, 21 мероприятие, 2 назначения ответственных, 22 отчёта, 5 значений показателей, ' +
        '11 школ, 0 оценок рисков, 104 высоких или средних риска, 3 назначения школ',
    );
    expect(tableCounts(tables, ['reports'])).toBe('22 отчёта');
  });

  it('every table starts with the municipality code', () => {
    for (const table of TABLE_NAMES) expect(TABLES[table][0]?.name).toBe('municipality');
  });

  it('takes the municipality code from «Настройки», else the workbook name', () => {
    const settings = defaultSettings(2024);
    expect(municipalityCode(settings, ' Каларский ')).toBe('Каларский');
    expect(municipalityCode({ ...settings, municipalityCode: ' 76618000 ' }, 'Каларский')).toBe('76618000');
  });
});
