import { readMunicipalities } from '../../src/sheets/regional-summary-job';

describe('readMunicipalities: the regional list «Муниципалитеты»', () => {
  it('takes a URL from any cell, an id from «Ссылка на таблицу», and names each by «Муниципалитет»', () => {
    const url = 'https://docs.google.com/spreadsheets/d/1AbC-xyz_09/edit#gid=0';
    const { sources, failures } = readMunicipalities([
      ['Муниципалитет', 'Ссылка на таблицу', 'Примечание'],
      ['Каларский округ', url, ''],
      ['Искитимский район', '1XyZ-id_only', 'таблица УМЦ'],
      ['', '', ''],
      ['Оконешниковский район', '', 'ссылку пришлют'],
    ]);
    expect(sources).toEqual([
      { label: 'Каларский округ', ref: url },
      { label: 'Искитимский район', ref: '1XyZ-id_only' },
    ]);
    // A municipality without a link is not silently dropped: it is listed with the row to fix.
    expect(failures).toEqual([
      {
        source: 'Оконешниковский район',
        reason: expect.stringContaining('нет ссылки на таблицу (лист «Муниципалитеты», строка 5)') as unknown,
      },
    ]);
  });

  it('reads a list of bare URLs without a header', () => {
    const { sources } = readMunicipalities([
      ['https://docs.google.com/spreadsheets/d/a/edit'],
      ['file:///x/b.xlsx'],
    ]);
    expect(sources.map((s) => s.ref)).toEqual([
      'https://docs.google.com/spreadsheets/d/a/edit',
      'file:///x/b.xlsx',
    ]);
  });
});
