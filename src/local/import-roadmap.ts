/** TODO(roadmap helper): `roadmap500 import <roadmap.txt|.csv|.xlsx> --out FILE`. Returns the exit status. */
export async function importRoadmap(_input: string, _out: string): Promise<number> {
  throw new Error('import: ещё не реализовано');
}
