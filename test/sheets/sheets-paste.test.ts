/** loadRoadmap reads a Russian-locale paste as written: «100%» (1, percent format), «4.12» (a date shown without a year). */
import { SHEETS } from '../../src/core/messages';
import { wallTimeToInstant } from '../../src/core/zone-dates';
import { LocalHost } from '../../src/local/host';
import { loadRoadmap } from '../../src/sheets/roadmap-source';

const ZONE = 'Europe/Moscow';
const day = (y: number, m: number, d: number): Date => wallTimeToInstant(Date.UTC(y, m - 1, d), ZONE);

describe('loadRoadmap on a sheet Sheets has typed', () => {
  it('gives numbering «2.10», the year of the roadmap for «4.12» and «100%» as written', () => {
    const host = LocalHost.fromSheets(
      {
        [SHEETS.activities]: [
          ['№ п/п', 'Мероприятие', 'Срок', 'Ответственные', 'Ожидаемый результат', '2023 г.', '2024 г.'],
          [day(2026, 10, 2), 'Итоговая конференция', day(2026, 12, 4), 'УО', 'Резолюция', 0.035, 1],
          [day(2026, 2, 1), 'Семинар', day(2023, 12, 15), 'УО', 'Протокол', 3.5, 1],
        ],
      },
      { now: '2026-05-01', timeZone: ZONE },
    );
    const sheet = host.services().spreadsheetApp.getActiveSpreadsheet().getSheetByName(SHEETS.activities)!;
    sheet.getRange('A2:A3').setNumberFormat('dd.MM');
    sheet.getRange('C2').setNumberFormat('dd.MM');
    sheet.getRange('C3').setNumberFormat('dd.MM.yyyy');
    sheet.getRange('F2:G3').setNumberFormat('0%');
    sheet.getRange('F3').setNumberFormat('0.0');
    const { activities, period } = loadRoadmap(host.services());
    expect(period).toMatchObject({ start: '2023-01-01', end: '2024-12-31' });
    expect(activities.map((a) => a.id)).toEqual(['2.10', '1.2']);
    expect(activities[0].deadlineText).toBe('4.12');
    expect(activities[0].deadline.due).toEqual(['2023-12-04']);
    expect(activities[0].plannedByYear).toEqual({ '2023': '3,5%', '2024': '100%' });
    expect(activities[1].deadline.due).toEqual(['2023-12-15']);
    expect(activities[1].plannedByYear).toEqual({ '2023': '3,5', '2024': '100%' });
  });

  it('keeps the year of a date the sheet shows in full or that has no format of its own', () => {
    const host = LocalHost.fromSheets(
      {
        [SHEETS.activities]: [
          ['№', 'Мероприятие', 'Срок', 'Ответственные', 'Ожидаемый результат'],
          ['1', 'Семинар', day(2024, 3, 15), 'УО', 'Протокол'],
          ['2', 'Совещание', day(2025, 4, 20), 'УО', 'Протокол'],
        ],
      },
      { now: '2026-05-01', timeZone: ZONE },
    );
    const sheet = host.services().spreadsheetApp.getActiveSpreadsheet().getSheetByName(SHEETS.activities)!;
    sheet.getRange('C3').setNumberFormat('d mmmm yyyy');
    const { activities } = loadRoadmap(host.services());
    expect(activities.map((a) => a.deadline.due)).toEqual([['2024-03-15'], ['2025-04-20']]);
  });
});
