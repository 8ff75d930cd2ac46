/**
 * The roll-up queries of sql/ stay in the subset of SQL that both DuckDB and BigQuery run: DuckDB parses
 * and binds each against the model's tables, and every function the parse tree names is one BigQuery
 * standard SQL has with the same meaning. No casts (type names differ: DOUBLE / FLOAT64).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelDatabase } from '../../src/local/model-database';

const SQL_DIR = join(__dirname, '../../sql');

/** Functions of BigQuery standard SQL (aggregate, conditional, string, date) that DuckDB also has, alike. */
const BIGQUERY_FUNCTIONS = new Set([
  'count',
  'count_star', // COUNT(*)
  'countif',
  'sum',
  'min',
  'max',
  'avg',
  'coalesce',
  'ifnull',
  'nullif',
  'round',
  'abs',
  'greatest',
  'least',
  'lower',
  'upper',
  'trim',
  'length',
  'concat',
  'starts_with',
  'date_add',
  'current_date',
  'extract',
]);
/** Operators both engines spell alike (`/` divides as FLOAT64 in BigQuery and as DOUBLE in DuckDB). */
const OPERATORS = new Set(['+', '-', '*', '/']);
/** DuckDB turns `INTERVAL n DAY` into to_days(n): the literal is BigQuery's too. */
const INTERVAL_LITERALS = new Set(['to_days', 'to_months', 'to_years']);
/** Nodes the parser generated itself carry no position in the text (2^64 − 1). */
const isGenerated = (location: unknown): boolean =>
  typeof location === 'number' && location > Number.MAX_SAFE_INTEGER;

interface Found {
  functions: string[];
  casts: number;
  statementTypes: string[];
}

function walk(node: unknown, found: Found, generated = false): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, found, generated);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  const inGenerated = generated || isGenerated(o['query_location']);
  if (o['class'] === 'FUNCTION' && !inGenerated) {
    const name = String(o['function_name']);
    if (INTERVAL_LITERALS.has(name)) return;
    found.functions.push(o['is_operator'] === true ? `operator ${name}` : name);
  }
  if (o['class'] === 'CAST' && !inGenerated) found.casts += 1;
  for (const v of Object.values(o)) walk(v, found, inGenerated);
}

async function parse(db: ModelDatabase, sql: string): Promise<Found> {
  const [row] = await db.query(`SELECT json_serialize_sql('${sql.replace(/'/g, "''")}') AS tree`);
  const tree = JSON.parse(row?.['tree'] as string) as {
    error: boolean;
    error_message?: string;
    statements: { node: { type: string } }[];
  };
  if (tree.error) throw new Error(tree.error_message);
  const found: Found = { functions: [], casts: 0, statementTypes: tree.statements.map((s) => s.node.type) };
  walk(tree.statements, found);
  return found;
}

/** Functions and operators outside the common subset. */
const outside = (found: Found): string[] =>
  found.functions.filter((f) =>
    f.startsWith('operator ') ? !OPERATORS.has(f.slice('operator '.length)) : !BIGQUERY_FUNCTIONS.has(f),
  );

describe('sql/*.sql: one set of SQL for DuckDB and BigQuery', () => {
  let db: ModelDatabase;
  beforeAll(async () => {
    db = await ModelDatabase.open();
  });
  afterAll(() => db.close());
  const files = readdirSync(SQL_DIR).filter((f) => f.endsWith('.sql'));

  it('has the roll-up queries', () => {
    expect(files.sort()).toEqual(['factor_names.sql', 'factor_risks.sql', 'municipality_summary.sql']);
  });

  it.each(files)(
    '%s is one SELECT that DuckDB binds against the model, using only functions BigQuery has',
    async (file) => {
      const sql = readFileSync(join(SQL_DIR, file), 'utf8');
      const found = await parse(db, sql);
      expect(found.statementTypes).toEqual(['SELECT_NODE']);
      expect(found.functions.length).toBeGreaterThan(0);
      expect(outside(found)).toEqual([]);
      expect(found.casts).toBe(0);
      await expect(db.query(`EXPLAIN ${sql}`)).resolves.toBeDefined();
    },
  );

  it('catches what BigQuery would refuse: DuckDB-only functions, casts, its own operators', async () => {
    const found = await parse(
      db,
      "SELECT list_aggregate(name, 'sum'), strftime(as_of, '%Y'), CAST(as_of AS DOUBLE), 7 // 2 FROM municipalities",
    );
    expect(outside(found)).toEqual(['list_aggregate', 'strftime', 'operator //']);
    expect(found.casts).toBe(1);
  });
});
