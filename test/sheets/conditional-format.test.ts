import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { LocalHost } from '../../src/local/host';
import {
  applyActivitiesRules,
  applyRoadmapRules,
  isOurRule,
  RULE_MARKER,
} from '../../src/sheets/conditional-format';
import type { SheetPort } from '../../src/sheets/ports';
import { tempDir } from '../fixtures/temp-dir';

function setup(): { host: LocalHost; roadmap: SheetPort; activities: SheetPort } {
  const host = LocalHost.fromSheets({
    'Дорожная карта': [
      ['ID', 'Мероприятие', 'Статус'],
      ['1', 'Анкетирование', 'Просрочено'],
    ],
    Мероприятия: [
      ['№', 'Наименование мероприятия', 'Срок'],
      ['1', 'Анкетирование', 'до 01.03.2021'],
    ],
  });
  const ss = host.services().spreadsheetApp.getActiveSpreadsheet();
  const activities = ss.getSheetByName('Мероприятия') as SheetPort;
  const app = host.services().spreadsheetApp;
  // The user's own rule, which must survive.
  activities.setConditionalFormatRules([
    app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$C2=""')
      .setBackground('#cccccc')
      .setRanges([activities.getRange('C2:C100')])
      .build(),
  ]);
  return { host, roadmap: ss.getSheetByName('Дорожная карта') as SheetPort, activities };
}

const layout = {
  tables: [{ titleColumn: 2, firstRow: 2, lastRow: 2 }],
  lastColumn: 3,
  roadmapTitleColumn: 2,
  roadmapStatusColumn: 3,
};
const formulas = (sheet: SheetPort): string[] =>
  sheet.getConditionalFormatRules().map((r) => String(r.getBooleanCondition()?.getCriteriaValues()[0]));

describe('conditional-format rules', () => {
  const dir = tempDir('cf-');
  it('colours «Дорожная карта» by its status column over whole rows', () => {
    const { host, roadmap } = setup();
    applyRoadmapRules(host.services().spreadsheetApp, roadmap, 3, 3);
    const rules = roadmap.getConditionalFormatRules();
    expect(formulas(roadmap)).toEqual([
      `=AND(${RULE_MARKER},$C2="Просрочено")`,
      `=AND(${RULE_MARKER},$C2="Скоро срок")`,
      `=AND(${RULE_MARKER},$C2="Выполнено")`,
    ]);
    expect(rules.map((r) => r.getRanges().map((x) => x.getA1Notation()))).toEqual([
      ['A2:C1000'],
      ['A2:C1000'],
      ['A2:C1000'],
    ]);
  });

  it("replaces its own rules, never stacks them, and keeps the user's", () => {
    const { host, activities } = setup();
    const app = host.services().spreadsheetApp;
    applyActivitiesRules(app, activities, layout);
    const once = formulas(activities);
    applyActivitiesRules(app, activities, layout);
    expect(formulas(activities)).toEqual(once);
    expect(once).toHaveLength(4);
    expect(
      activities
        .getConditionalFormatRules()
        .filter((r) => !isOurRule(r))
        .map((r) => r.getBooleanCondition()?.getCriteriaValues()[0]),
    ).toEqual(['=$C2=""']);
  });

  it("looks the title up in «Дорожная карта» through INDIRECT, so sorting the user's rows keeps colours right", () => {
    const { host, activities } = setup();
    applyActivitiesRules(host.services().spreadsheetApp, activities, layout);
    const f = formulas(activities)[0];
    expect(f).toContain('INDIRECT("\'Дорожная карта\'!B:B")');
    expect(f).toContain('INDIRECT("\'Дорожная карта\'!C:C")');
    expect(f).toContain('MATCH(TRIM($B2)');
    expect(f).toMatch(/="Просрочено"\)$/);
    expect(f).not.toMatch(/'Дорожная карта'!\$?[A-Z]+\$?\d/); // no direct reference to another sheet's cells
  });

  it('gives each table of «Мероприятия» its own rules; the last one runs to the bottom', () => {
    const { host, activities } = setup();
    applyActivitiesRules(host.services().spreadsheetApp, activities, {
      ...layout,
      tables: [
        { titleColumn: 3, firstRow: 40, lastRow: 60 },
        { titleColumn: 2, firstRow: 2, lastRow: 30 },
      ],
    });
    const ours = activities.getConditionalFormatRules().filter(isOurRule);
    expect(ours.map((r) => r.getRanges()[0]?.getA1Notation())).toEqual([
      'A2:C30',
      'A2:C30',
      'A2:C30',
      'A40:C1000',
      'A40:C1000',
      'A40:C1000',
    ]);
    expect(String(ours[3]?.getBooleanCondition()?.getCriteriaValues()[0])).toContain('TRIM($C40)');
  });

  it('saves the rules into the .xlsx with their colours', async () => {
    const { host, roadmap, activities } = setup();
    const app = host.services().spreadsheetApp;
    applyRoadmapRules(app, roadmap, 3, 3);
    applyActivitiesRules(app, activities, layout);
    const file = join(dir, 'out.xlsx');
    await host.save(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    type CF = {
      ref: string;
      rules: { type: string; formulae?: string[]; style?: { fill?: { bgColor?: { argb?: string } } } }[];
    };
    const cf = (name: string): CF[] =>
      (wb.getWorksheet(name) as unknown as { conditionalFormattings: CF[] }).conditionalFormattings;
    const road = cf('Дорожная карта').flatMap((c) =>
      c.rules.map((r) => [c.ref, r.formulae?.[0], r.style?.fill?.bgColor?.argb]),
    );
    expect(road).toEqual([
      ['A2:C1000', `AND(${RULE_MARKER},$C2="Просрочено")`, 'FFF4C7C3'],
      ['A2:C1000', `AND(${RULE_MARKER},$C2="Скоро срок")`, 'FFFCE8B2'],
      ['A2:C1000', `AND(${RULE_MARKER},$C2="Выполнено")`, 'FFB7E1CD'],
    ]);
    const acts = cf('Мероприятия').flatMap((c) => c.rules.map((r) => r.formulae?.[0] ?? ''));
    expect(acts.filter((f) => f.includes(RULE_MARKER))).toHaveLength(3);
    expect(acts).toContain('$C2=""');
  });
});
