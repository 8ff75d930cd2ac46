import { buildWeeklySummary } from '../../src/core/weekly-summary';
import { roadmapPhrase } from '../../src/core/roadmap-title';

describe('roadmapPhrase: the roadmap as letters name it', () => {
  // The name, and what letters quote after «Дорожная карта» («» when nothing is left to quote).
  it.each([
    // Google: the spreadsheet's name as the coordinator chose it.
    ['Дорожная карта ШНОР 2024', 'ШНОР 2024'],
    ['дорожная карта: Чарский округ', 'Чарский округ'],
    ['Дорожная карта «ШНОР 2024»', 'ШНОР 2024'],
    ['ШНОР 2024 — Чарский округ', 'ШНОР 2024 — Чарский округ'],
    ['Дорожная карта', ''],
    // Locally: the workbook's file name without .xlsx.
    ['карта', 'карта'],
    ['Дорожная_карта_ШНОР_2024', 'ШНОР_2024'],
    ['дорожная-карта', ''],
    // Words that only start like the phrase are the name itself.
    ['Дорожная картасхема', 'Дорожная картасхема'],
  ])('«%s» → «%s»', (name, quoted) => {
    const own = quoted ? ` «${quoted}»` : '';
    expect(roadmapPhrase(name, 'nominative')).toBe(`Дорожная карта${own}`);
    expect(roadmapPhrase(name, 'genitive')).toBe(`дорожной карты${own}`);
    expect(roadmapPhrase(name, 'dative')).toBe(`дорожной карте${own}`);
  });

  it('the weekly summary of a spreadsheet named «Дорожная карта ШНОР 2024» does not double the words', () => {
    const { mails } = buildWeeklySummary({
      activities: [],
      statuses: new Map(),
      reports: [],
      schools: [],
      assigned: new Map(),
      today: '2024-04-21',
      timeZone: 'Europe/Moscow',
      recipients: ['coord@edu.example.ru'],
      title: 'Дорожная карта ШНОР 2024',
      url: 'https://docs.google.com/spreadsheets/d/ID/edit',
    });
    expect(mails[0]?.subject).toBe('Дорожная карта «ШНОР 2024»: недельная сводка на 21.04.2024');
    expect(mails[0]?.text).toContain('Сводка по дорожной карте «ШНОР 2024» за неделю');
    expect(mails[0]?.text).not.toMatch(/дорожн\S+ карт\S+ «Дорожная карта/i);
  });
});
