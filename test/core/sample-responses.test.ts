import { readQuestionnaire } from '../../src/core/questionnaire';
import { buildProfiles, LEVEL } from '../../src/core/risk';
import { generateSample } from '../../src/core/sample-responses';
import { readSchools } from '../../src/core/schools';

const settings = { mediumRiskFrom: 0.35, highRiskFrom: 0.6, minRespondents: 5 };

function recover(seed: number, schools: number, respondents: number) {
  const data = generateSample({ schools, respondents, seed });
  const profiles = buildProfiles({
    responses: data.responses,
    questionnaire: readQuestionnaire(data.questionnaire),
    schools: readSchools(data.schools).schools,
    settings,
  });
  return { data, profiles };
}

describe('generated responses', () => {
  it('recover the generated level of every school × factor with enough respondents, and «недостаточно данных» for the rest (30 schools)', () => {
    const { data, profiles } = recover(7, 30, 12);
    const got = new Map(
      profiles.schools.flatMap((p) =>
        p.cells.map((c, f) => [`${p.school.code}/${profiles.factors[f]?.code}`, c]),
      ),
    );
    expect(data.truth).toHaveLength(300);
    const levels = new Set(data.truth.map((t) => t.level));
    expect(levels).toEqual(new Set([LEVEL.low, LEVEL.medium, LEVEL.high, LEVEL.noData]));
    for (const t of data.truth) {
      const cell = got.get(`${t.school}/${t.factor}`);
      expect({ at: `${t.school}/${t.factor}`, level: cell?.level, respondents: cell?.respondents }).toEqual({
        at: `${t.school}/${t.factor}`,
        level: t.level,
        respondents: t.respondents,
      });
    }
  });

  it('hold their strays: every row written to match nothing is listed, and nothing else', () => {
    const { data, profiles } = recover(3, 30, 12);
    expect(data.unmatchedRows.length).toBeGreaterThan(0);
    expect(profiles.unmatched.map((u) => u.row)).toEqual(data.unmatchedRows);
    expect(profiles.problems).toEqual([]);
    expect(profiles.matched).toBe(data.responses.length - 1 - data.unmatchedRows.length);
  });

  it('are reproducible from the seed and differ between seeds', () => {
    const a = generateSample({ schools: 5, respondents: 6, seed: 11 });
    const b = generateSample({ schools: 5, respondents: 6, seed: 11 });
    const c = generateSample({ schools: 5, respondents: 6, seed: 12 });
    expect(b.responses).toEqual(a.responses);
    expect(c.responses).not.toEqual(a.responses);
  });

  it('use text Likert answers, numbers, options and reversed questions, and add question copies on request', () => {
    const d = generateSample({ schools: 2, respondents: 20, seed: 1, questions: 60 });
    expect(d.responses[0]).toHaveLength(63);
    expect(readQuestionnaire(d.questionnaire).questions).toHaveLength(60);
    const cells = d.responses.slice(1).flatMap((r) => r.slice(3));
    expect(cells).toContain('Скорее согласен');
    expect(cells).toContain(4);
    expect(cells).toContain('Да');
    expect(
      cells.some((c) => ['Почти все', 'Больше половины', 'Меньше половины', 'Единицы'].includes(c as string)),
    ).toBe(true);
  });
});
