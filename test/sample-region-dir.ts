/** A temporary folder of generated municipal workbooks for one test file (written before, removed after). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleMunicipalityFile, sampleRegion } from '../src/local/sample-region';

/** Registers beforeAll/afterAll; `ids` are the workbooks' file names without .xlsx (their spreadsheet ids). */
export function sampleRegionDir(municipalities: number): { dir: string; ids: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'roadmap500-region-'));
  const ids = Array.from({ length: municipalities }, (_, i) =>
    sampleMunicipalityFile(i + 1).replace('.xlsx', ''),
  );
  beforeAll(async () => {
    const quiet = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await sampleRegion({ municipalities, dir });
    } finally {
      quiet.mockRestore();
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, ids };
}
