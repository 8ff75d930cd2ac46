/** TODO(risk helper): `roadmap500 sample-responses --schools N --respondents M --out FILE [--seed S]`. */
export interface SampleResponsesOptions { schools: number; respondents: number; out: string; seed?: number }
export async function sampleResponses(_opts: SampleResponsesOptions): Promise<number> {
  throw new Error('sample-responses: ещё не реализовано');
}
