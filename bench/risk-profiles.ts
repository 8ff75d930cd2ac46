/** Benchmark of risk profiles: 100,000 responses × 60 questions over 1,000 schools (issue 7 asks for well under 1.5 s). */
import { performance } from 'node:perf_hooks';
import { readQuestionnaire } from '../src/core/questionnaire';
import { buildProfiles } from '../src/core/risk';
import { generateSample } from '../src/core/sample-responses';
import { readSchools } from '../src/core/schools';

export interface RiskBench {
  responses: number;
  questions: number;
  schools: number;
  generateMs: number;
  /** Median of the aggregation runs (reading `Анкета` and `Школы` included). */
  profilesMs: number;
}

/** Generates the data once, then times buildProfiles over it `runs` times and returns the median. */
export function benchRiskProfiles(runs = 5): RiskBench {
  const t0 = performance.now();
  const data = generateSample({ schools: 1000, respondents: 109, questions: 60, seed: 500 });
  const generateMs = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    buildProfiles({
      responses: data.responses,
      questionnaire: readQuestionnaire(data.questionnaire),
      schools: readSchools(data.schools).schools,
      settings: { mediumRiskFrom: 0.35, highRiskFrom: 0.6, minRespondents: 5 },
    });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return {
    responses: data.responses.length - 1,
    questions: 60,
    schools: 1000,
    generateMs: Math.round(generateMs),
    profilesMs: Math.round(times[Math.floor(times.length / 2)] ?? 0),
  };
}
