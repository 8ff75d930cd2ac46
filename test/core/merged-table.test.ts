import { fillMerges, layoutSpans, type SpanCell } from '../../src/core/merged-table';

const cell = (text: string, colSpan = 1, rowSpan = 1): SpanCell => ({ text, colSpan, rowSpan });

describe('merged cells of a Word or HTML table', () => {
  it('shows a cell spanning columns once, in its first column (a section title across the table)', () => {
    expect(
      fillMerges(
        layoutSpans([[cell('1. Раздел', 4)], [cell('1.1'), cell('Совещание'), cell('май'), cell('УО')]]),
      ),
    ).toEqual([
      ['1. Раздел', '', '', ''],
      ['1.1', 'Совещание', 'май', 'УО'],
    ]);
  });

  it('copies a responsible merged down into each row that starts with its own number', () => {
    const rows = [
      [cell('1'), cell('Совещание'), cell('УО', 1, 3)],
      [cell('2'), cell('Семинар')],
      [cell('3'), cell('Анкетирование')],
    ];
    expect(fillMerges(layoutSpans(rows)).map((r) => r[2])).toEqual(['УО', 'УО', 'УО']);
  });

  it('leaves number and title merged down empty in the rows below: those rows continue the activity above', () => {
    const rows = [
      [cell('1', 1, 2), cell('Мониторинг', 1, 2), cell('апрель'), cell('ММЦ')],
      [cell('октябрь'), cell('ОО')],
    ];
    expect(fillMerges(layoutSpans(rows))).toEqual([
      ['1', 'Мониторинг', 'апрель', 'ММЦ'],
      ['', '', 'октябрь', 'ОО'],
    ]);
  });

  it('places cells after a merge from above in the columns a browser gives them; a short row reads as empty cells', () => {
    const rows = [[cell('№', 1, 2), cell('Сроки', 2)], [cell('начало'), cell('окончание')], [cell('1')]];
    expect(fillMerges(layoutSpans(rows))).toEqual([
      ['№', 'Сроки', ''],
      ['', 'начало', 'окончание'],
      ['1', '', ''],
    ]);
  });
});
