/** Seeded generator of Google-Forms-like questionnaire responses from known per-school latent risks, for tests, the demo and the benchmark. */
import type { CellValue, Grid } from './grid';
import { SCHOOLS_HEADER } from './layouts';
import { readQuestionnaire } from './questionnaire';
import { LEVEL, type RiskLevel } from './risk';
import { defaultQuestionnaireRows, questionnaireHeader, type Question, type Role } from './risk-catalog';

export interface SampleOptions {
  schools: number;
  /** Respondents per school; every tenth school gets only 3, so some profiles lack data. */
  respondents: number;
  seed?: number;
  /** Number of question columns; above the 30 default questions, copies are added («… (2)»). */
  questions?: number;
  /** The minimum the truth is computed for (default 5, as in `Настройки`). */
  minRespondents?: number;
  /** Start of the timestamps, ms since epoch (default 2024-03-01 09:00 UTC). */
  start?: number;
}

/** What the generator knows about a school × factor. */
export interface SampleTruth {
  school: string;
  factor: string;
  /** The generated level, or «недостаточно данных» when fewer respondents answered than the minimum. */
  level: RiskLevel;
  latent: number;
  respondents: number;
}

export interface SampleData {
  schools: Grid;
  questionnaire: Grid;
  responses: Grid;
  truth: SampleTruth[];
  /** 1-based rows of `Ответы` written to match no school or no role. */
  unmatchedRows: number[];
}

/** mulberry32: a small seeded PRNG, returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOWNS = [
  'Чарская',
  'Новочарская',
  'Куанда',
  'Чистовская',
  'Оконешниковская',
  'Золотонивская',
  'Красовская',
  'Любимовская',
  'Крестинская',
  'Сергеевская',
  'Маяковская',
  'Куломзинская',
  'Искитимская',
  'Берёзовская',
  'Лесная',
  'Озёрная',
];
const TEXT_LIKERT = [
  'Совсем не согласен',
  'Скорее не согласен',
  'Затрудняюсь ответить',
  'Скорее согласен',
  'Полностью согласен',
];
const ROLE_WORDS: Record<Role, string[]> = {
  директор: ['Директор', 'Руководитель ОО'],
  учитель: ['Учитель', 'Педагог'],
  ученик: ['Ученик', 'Обучающийся'],
  родитель: ['Родитель', 'Родитель (законный представитель)'],
};
/** Latent risk ranges per level, well inside the default bands so a level is recoverable from a few answers. */
const LATENT: [RiskLevel, number, number][] = [
  [LEVEL.low, 0.05, 0.2],
  [LEVEL.medium, 0.46, 0.49],
  [LEVEL.high, 0.75, 0.92],
];

function questionsFor(count: number | undefined): { questions: Question[]; grid: Grid } {
  const rows = defaultQuestionnaireRows();
  const header = [...questionnaireHeader];
  const base = readQuestionnaire([header, ...rows]).questions;
  const extra: (string | number)[][] = [];
  const want = count ?? base.length;
  for (let i = base.length; i < want; i++) {
    const q = rows.find((r) => r[0] === base[i % base.length]?.header) as (string | number)[];
    extra.push([`${q[0]} (${Math.floor(i / base.length) + 1})`, ...q.slice(1)]);
  }
  const grid = [header, ...rows, ...extra];
  const all = readQuestionnaire(grid).questions.slice(0, want);
  return { questions: all, grid };
}

/**
 * Generates `Школы`, `Анкета` (the default mapping) and `Ответы` for schools with random latent levels per
 * factor. Who answers, with which role and which blanks is random; each answer is the scale point nearest
 * to the latent risk plus what the school's earlier answers on the factor over- or undershot (error
 * diffusion from a random start), so a factor's weighted mean stays near its latent risk even with a few
 * respondents. Reversed questions are answered the other way round; half the 1–5 questions are answered in words.
 * School names appear as code, short or full name with «№ 1»/«№1» and quote variations; about one row in
 * fifty names an unknown school or role. The truth says which levels a reader must recover.
 */
export function generateSample(opts: SampleOptions): SampleData {
  const rnd = prng(opts.seed ?? 1);
  const min = opts.minRespondents ?? 5;
  const { questions, grid: questionnaire } = questionsFor(opts.questions);
  const factorCodes = [...new Set(questions.map((q) => q.factor))];
  const nF = factorCodes.length;
  const factorOf = questions.map((q) => factorCodes.indexOf(q.factor));

  const schoolRows: CellValue[][] = [[...SCHOOLS_HEADER]];
  const names: { code: string; short: string; full: string }[] = [];
  for (let i = 0; i < opts.schools; i++) {
    const town = TOWNS[i % TOWNS.length];
    const n = Math.floor(i / TOWNS.length) + 1;
    const code = `SCH${String(i + 1).padStart(3, '0')}`;
    const short = `${town} СОШ №${n}`;
    const full = `МОУ «${town} средняя общеобразовательная школа №${n}»`;
    names.push({ code, short, full });
    schoolRows.push([code, full, short, `school${i + 1}@example.ru`, 'curator@example.ru']);
  }

  const latent = new Float64Array(opts.schools * nF);
  const level: RiskLevel[] = [];
  for (let k = 0; k < latent.length; k++) {
    const [lv, lo, hi] = LATENT[Math.floor(rnd() * LATENT.length)];
    latent[k] = lo + rnd() * (hi - lo);
    level.push(lv);
  }

  // Respondents: one director per school, the others teachers, students and parents; shuffled like Forms arrivals.
  const people: { school: number; role: Role }[] = [];
  for (let s = 0; s < opts.schools; s++) {
    const count = s % 10 === 9 ? Math.min(3, opts.respondents) : opts.respondents;
    for (let j = 0; j < count; j++) {
      const x = rnd();
      const role: Role = j === 0 ? 'директор' : x < 0.3 ? 'учитель' : x < 0.7 ? 'ученик' : 'родитель';
      people.push({ school: s, role });
    }
  }
  for (let i = people.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [people[i], people[j]] = [people[j], people[i]];
  }

  const nQ = questions.length;
  const points = questions.map(answerPoints);
  // Error diffusion per school × factor: what earlier answers gave too little or too much risk, weighted, carried on.
  const carry = new Float64Array(opts.schools * nF).map(() => (rnd() - 0.5) * 0.1);
  const answeredBy = new Int32Array(opts.schools * nF);
  const touched = new Int32Array(nF);
  const start = opts.start ?? Date.UTC(2024, 2, 1, 9);

  const responses: Grid = [['Отметка времени', 'Школа', 'Роль', ...questions.map((q) => q.header)]];
  const unmatchedRows: number[] = [];
  for (const p of people) {
    const row = new Array<CellValue>(3 + nQ).fill('');
    row[0] = new Date(start + responses.length * 60_000);
    row[1] = schoolName(names[p.school], rnd());
    row[2] = ROLE_WORDS[p.role][rnd() < 0.5 ? 0 : 1];
    touched.fill(0);
    for (let q = 0; q < nQ; q++) {
      const question = questions[q];
      if (!question.roles.includes(p.role) || rnd() < 0.04) continue;
      const f = factorOf[q];
      const k = p.school * nF + f;
      const risk = latent[k];
      const ideal = risk + carry[k] / question.weight;
      let best = points[q][0];
      for (const pt of points[q]) if (Math.abs(pt.risk - ideal) < Math.abs(best.risk - ideal)) best = pt;
      carry[k] = carry[k] + question.weight * (risk - best.risk);
      row[3 + q] = best.text !== undefined && q % 2 === 1 ? best.text : best.value;
      touched[f] = 1;
    }
    for (let f = 0; f < nF; f++) if (touched[f]) answeredBy[p.school * nF + f]++;
    responses.push(row);
    if (responses.length % 50 === 0) {
      unmatchedRows.push(responses.length + 1);
      const stray = [...row];
      // In turn: a school not in «Школы», no school, a role the questionnaire does not know.
      const kind = unmatchedRows.length % 3;
      if (kind === 1) stray[1] = 'Школа №999';
      else if (kind === 2) stray[1] = '';
      else stray[2] = 'Гость';
      stray[0] = new Date(start + responses.length * 60_000);
      responses.push(stray);
    }
  }

  const truth: SampleTruth[] = [];
  for (let s = 0; s < opts.schools; s++) {
    for (let f = 0; f < nF; f++) {
      const k = s * nF + f;
      const n = answeredBy[k];
      truth.push({
        school: names[s]?.code,
        factor: factorCodes[f],
        level: n >= min ? level[k] : LEVEL.noData,
        latent: latent[k],
        respondents: n,
      });
    }
  }
  return { schools: schoolRows, questionnaire, responses, truth, unmatchedRows };
}

function schoolName(n: { code: string; short: string; full: string }, x: number): string {
  if (x < 0.2) return n.code;
  if (x < 0.4) return n.full;
  if (x < 0.6) return n.short.replace('№', '№ ');
  if (x < 0.7) return `МОУ "${n.short}"`;
  if (x < 0.8) return n.short.toLowerCase();
  return n.short;
}

interface AnswerPoint {
  /** The answer as a number or the Forms option text. */
  value: CellValue;
  /** The same answer in words, for 1–5 scales answered as text. */
  text?: string;
  /** Its risk value, the question's direction applied. */
  risk: number;
}

/** Every answer a question admits, with the risk value it stands for. */
function answerPoints(q: Question): AnswerPoint[] {
  const turn = (x: number): number => (q.reversed ? 1 - x : x);
  const scale = q.scale;
  switch (scale.kind) {
    case 'yesno':
      return [
        { value: 'Да', risk: turn(1) },
        { value: 'Нет', risk: turn(0) },
      ];
    case 'range': {
      const out: AnswerPoint[] = [];
      for (let v = Math.ceil(scale.min); v <= scale.max; v++) {
        const text = scale.min === 1 && scale.max === 5 ? TEXT_LIKERT[v - 1] : undefined;
        out.push({
          value: v,
          ...(text ? { text } : {}),
          risk: turn((v - scale.min) / (scale.max - scale.min)),
        });
      }
      return out;
    }
    case 'options': {
      const scores = scale.options.map((o) => o.score);
      const lo = Math.min(...scores);
      const span = Math.max(...scores) - lo;
      return scale.options.map((o) => ({
        value: o.text.charAt(0).toUpperCase() + o.text.slice(1),
        risk: turn((o.score - lo) / span),
      }));
    }
  }
}
