import fs, { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backupPathOf, commitWorkbook } from '../../src/local/workbook-file';
import { tempDir } from '../fixtures/temp-dir';

const dir = tempDir('workbook-file-');
/** Stand-ins for workbook bytes: commitWorkbook copies and replaces files, it does not read them as xlsx. */
const version = (n: number): Buffer => Buffer.from(`PK\u0003\u0004 версия ${n} `.repeat(1000 * n));

describe('commitWorkbook', () => {
  it('keeps the previous bytes as <книга>.bak.xlsx, puts the new ones in place, and leaves no temporary file', async () => {
    const book = join(dir, 'карта.xlsx');
    await commitWorkbook(book, version(1));
    expect(readdirSync(dir)).toEqual(['карта.xlsx']);
    await commitWorkbook(book, version(2));
    expect(readFileSync(book).equals(version(2))).toBe(true);
    expect(readFileSync(backupPathOf(book)).equals(version(1))).toBe(true);
    await commitWorkbook(book, version(3));
    expect(readFileSync(book).equals(version(3))).toBe(true);
    expect(readFileSync(backupPathOf(book)).equals(version(2))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['карта.bak.xlsx', 'карта.xlsx']);
  });

  it('copies the previous version file to file, never reading the whole workbook into memory', async () => {
    const book = join(dir, 'большая.xlsx');
    writeFileSync(book, version(4));
    const reads = [
      jest.spyOn(fs, 'readFileSync'),
      jest.spyOn(fs.promises, 'readFile'),
      jest.spyOn(fs, 'readFile'),
    ];
    try {
      await commitWorkbook(book, version(5));
      for (const read of reads) expect(read.mock.calls.filter(([file]) => file === book)).toEqual([]);
    } finally {
      for (const read of reads) read.mockRestore();
    }
    expect(readFileSync(backupPathOf(book)).equals(version(4))).toBe(true);
  });

  it('changes nothing when the new workbook is not to be committed', async () => {
    const book = join(dir, 'письма.xlsx');
    await commitWorkbook(book, version(1));
    await commitWorkbook(book, version(2));
    await expect(
      commitWorkbook(book, version(3), () => Promise.reject(new Error('почта не ушла'))),
    ).rejects.toThrow('почта не ушла');
    expect(readFileSync(book).equals(version(2))).toBe(true);
    expect(readFileSync(backupPathOf(book)).equals(version(1))).toBe(true);
  });

  it('leaves the workbook as it was and no temporary file when the backup cannot be written', async () => {
    const sub = join(dir, 'занято');
    mkdirSync(sub);
    const book = join(sub, 'карта.xlsx');
    writeFileSync(book, version(1));
    mkdirSync(backupPathOf(book)); // a folder where the backup should go: the rename over it fails
    await expect(commitWorkbook(book, version(2))).rejects.toThrow();
    expect(readFileSync(book).equals(version(1))).toBe(true);
    expect(readdirSync(sub).sort()).toEqual(['карта.bak.xlsx', 'карта.xlsx']);
  });
});
