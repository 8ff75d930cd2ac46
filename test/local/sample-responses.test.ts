import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readQuestionnaire } from '../../src/core/questionnaire';
import { generateSample } from '../../src/core/sample-responses';
import { LocalHost } from '../../src/local/host';
import { sampleResponses } from '../../src/local/sample-responses';
import { buildRiskProfiles } from '../../src/sheets/build-risk-profiles';

describe('roadmap500 sample-responses', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sample-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names a missing folder of --out and what to do (exit 2), not «ENOENT … .xlsx.669762739»', async () => {
    const folder = path.join(dir, 'нет-папки');
    await expect(
      sampleResponses({ schools: 2, respondents: 2, out: path.join(folder, 'ответы.xlsx') }),
    ).rejects.toThrow(`Папки «${folder}» для книги нет. Создайте её или укажите другую в --out.`);
  });

  it('writes Школы, Анкета and Ответы that buildRiskProfiles reads back to the generated levels', async () => {
    const out = path.join(dir, 'ответы.xlsx');
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const code = await sampleResponses({ schools: 12, respondents: 9, seed: 4, out });
    write.mockRestore();
    expect(code).toBe(0);

    const host = await LocalHost.open(out, { now: '2024-04-10' });
    expect(host.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Школы', 'Анкета', 'Ответы']);
    expect(readQuestionnaire(host.values('Анкета')).problems).toEqual([]);
    const truth = generateSample({ schools: 12, respondents: 9, seed: 4 });
    expect(host.values('Ответы')).toHaveLength(truth.responses.length);
    expect(host.values('Ответы')[1]?.[0]).toBeInstanceOf(Date);

    buildRiskProfiles(host.services());
    const grid = host.values('Рисковые профили');
    // the matrix under the title: five columns, then a level and a score per factor
    const levelCol = (code: string): number => 5 + 2 * (Number(code.slice(1)) - 1);
    for (const t of truth.truth) {
      const row = grid.find((r) => r[0] === t.school) ?? [];
      expect([t.school, t.factor, row[levelCol(t.factor)]]).toEqual([t.school, t.factor, t.level]);
    }
  });
});
