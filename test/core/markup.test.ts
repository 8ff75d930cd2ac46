import { parseDeadline } from '../../src/core/deadline';
import { importText } from '../../src/core/import-text';
import { cleanText } from '../../src/core/roadmap-reader';
import { readGrid } from '../fixtures/seed-roadmaps';

const COMPARISON = 'Снизить долю учащихся с отметкой <3 по итогам четверти и >4 по итогам года';

describe('only real markup tags are removed from cell text', () => {
  it.each([
    ['<i>2.4 Действия</i>', '2.4 Действия'],
    ['<b>Итог</b><br>за год', 'Итог за год'],
    ['<p class="MsoNormal">Педсовет</p>', 'Педсовет'],
    ['<ul style="x"><li>один</li><li>два</li></ul>', 'один два'],
    ['строка<br/>строка<BR />', 'строка строка'],
    ['<I>курсив</I>', 'курсив'],
  ])('%s → %s', (raw, text) => {
    expect(cleanText(raw)).toBe(text);
  });

  it('keeps comparisons and arrows: «<3 … >4», «a < b > c», «<<ВПР>>», «->»', () => {
    for (const text of [COMPARISON, 'a < b > c', 'не <50% и не >80%', '<<ВПР>>', 'план -> факт', '<5>'])
      expect(cleanText(text)).toBe(text);
  });

  it('a pasted roadmap keeps every character of such a cell, in the sheet and in the activity read from it', () => {
    const text = [
      '№\tМероприятие\tСрок\tОтветственные\tОжидаемый результат',
      `1.\t${COMPARISON}\tдо 01.06.2024\tУО\t<i>Доля</i> учащихся с отметкой <3 снизилась`,
    ].join('\n');
    const grid = importText(text).activities;
    expect(grid.flat()).toContain(COMPARISON);
    const [activity] = readGrid(grid).activities;
    expect(activity.title).toBe(COMPARISON);
    expect(activity.expectedResult).toBe('Доля учащихся с отметкой <3 снизилась');
  });

  it('deadline phrases skip tags but not a «<» of the text', () => {
    const ctx = { periodStart: '2024-01-01', periodEnd: '2024-12-31', defaultYear: 2024 };
    expect(parseDeadline('<i>до 01.04.2024</i>', ctx).due).toEqual(['2024-04-01']);
    expect(parseDeadline('<b>IV квартал</b>', ctx).due).toEqual(['2024-12-31']);
  });
});
