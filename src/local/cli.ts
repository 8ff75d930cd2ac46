/** The roadmap500 command (placeholder until the local host lands). */
export async function main(_argv: string[]): Promise<number> {
  process.stderr.write('roadmap500: ещё не реализовано\n');
  return 2;
}
