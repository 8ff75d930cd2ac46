import { REPORTS_HEADER } from '../../src/core/layouts';
import { TABLES, type DataTables, type TableName } from '../../src/core/data-model';
import { LocalHost } from '../../src/local/host';
import { workbookTables } from '../../src/sheets/data-tables';
import { buildRiskProfiles } from '../../src/sheets/build-risk-profiles';
import { refreshStatuses } from '../../src/sheets/refresh-statuses';
import { fixtureSheets, TITLES, TODAY } from '../fixtures/report-workbook';
import { generateSample } from '../../src/core/sample-responses';

/** Rows of a table as objects by column name. */
function rows(tables: DataTables, table: TableName): Record<string, unknown>[] {
  const cols = TABLES[table].map((c) => c.name);
  return tables[table].map((r) => Object.fromEntries(cols.map((c, i) => [c, r[i]])));
}

describe('workbookTables: the normalized tables of one workbook', () => {
  const sample = generateSample({ schools: 4, respondents: 8, seed: 3 });
  // The sample's «Чарская СОШ №1»: the school activity 11 («МОУ Чарская СОШ №1») is assigned to.
  const schoolA = 'SCH001';
  const sheets = {
    ...fixtureSheets(),
    Анкета: sample.questionnaire,
    Ответы: sample.responses,
    Школы: sample.schools,
    Отчёты: [
      [...REPORTS_HEADER],
      ['10.10.2022 10:00', 'a@x.ru', schoolA, '11', '', 'Выполнено', '1', 'готово', '', 'k1'],
    ],
  };
  const host = LocalHost.fromSheets(sheets, { now: TODAY, timeZone: 'Asia/Chita' });
  const tables = workbookTables(host.services());

  it('gives every row the municipality code: the workbook name without «Код муниципалитета»', () => {
    for (const t of Object.keys(tables) as TableName[])
      for (const r of tables[t]) expect(r[0]).toBe('Таблица');
    expect(rows(tables, 'municipalities')).toEqual([
      {
        municipality: 'Таблица',
        name: 'Таблица',
        as_of: TODAY,
        time_zone: 'Asia/Chita',
        period_start: '2022-01-01',
        period_end: '2022-12-31',
      },
    ]);
  });

  it('takes «Код муниципалитета» from «Настройки»', () => {
    const coded = LocalHost.fromSheets(
      {
        ...sheets,
        Настройки: [...(fixtureSheets()['Настройки'] ?? []), ['Код муниципалитета', '76618000', '']],
      },
      { now: TODAY },
    );
    expect(workbookTables(coded.services()).activities[0]?.[0]).toBe('76618000');
  });

  it('holds the statuses refreshStatuses writes to «Дорожная карта»', () => {
    const activities = rows(tables, 'activities');
    const written = LocalHost.fromSheets(sheets, { now: TODAY, timeZone: 'Asia/Chita' });
    refreshStatuses(written.services());
    const roadmap = written.values('Дорожная карта');
    const statusCol = roadmap[0]?.indexOf('Статус') ?? -1;
    const titleCol = roadmap[0]?.findIndex((h) => String(h).startsWith('Мероприятие')) ?? -1;
    expect(activities).toHaveLength(roadmap.length - 1);
    for (const row of roadmap.slice(1)) {
      const a = activities.find((x) => x['title'] === row[titleCol]);
      expect(a?.['status']).toBe(row[statusCol]);
    }
    expect(activities.find((a) => a['title'] === TITLES.onlyA)?.['status']).toBe('Выполнено');
  });

  it('lists parties, the report with its date in the zone, schools, risks and coverage', () => {
    expect(rows(tables, 'activity_parties').filter((p) => p['activity_id'] === '15')).toHaveLength(2);
    expect(rows(tables, 'reports')).toEqual([
      expect.objectContaining({
        report_date: '2022-10-10',
        school: schoolA,
        activity_id: '11',
        status: 'Выполнено',
      }),
    ]);
    expect(tables.schools).toHaveLength(4);
    const risks = rows(tables, 'risks');
    expect(risks.length).toBe(4 * 10);
    const profiles = LocalHost.fromSheets(sheets, { now: TODAY, timeZone: 'Asia/Chita' });
    const message = buildRiskProfiles(profiles.services()).message;
    const high = risks.filter((r) => r['level'] === 'высокий').length;
    const medium = risks.filter((r) => r['level'] === 'средний').length;
    const uncovered = rows(tables, 'coverage').filter((c) => !c['covered']).length;
    expect(message).toContain(
      `высоких рисков ${high}, средних ${medium}, не покрыто дорожной картой ${uncovered}`,
    );
    expect(tables.coverage).toHaveLength(high + medium);
  });
});
