import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PG_URL } from '../../../test/database.js';
import { CONTENT_DIR } from '../paths.js';
import { loadCurriculum } from './load-content.js';
import { extractRunnableBlocks, type RunnableBlock } from './runnable.js';

const run = promisify(execFile);
const curriculum = await loadCurriculum(CONTENT_DIR);
const blocks = extractRunnableBlocks(curriculum.questions);
const label = (b: RunnableBlock) => `${b.questionId} #${b.index} (${b.language})`;

describe('extractRunnableBlocks', () => {
  it('finds only blocks marked runnable, in order', () => {
    const answer = 'Intro\n\n```js runnable\nconsole.log(1)\n```\n\n```js\nnot run\n```\n\n```sql runnable\nSELECT 1;\n```\n';
    const found = extractRunnableBlocks([{ ...curriculum.questions[0]!, id: 'q', answer }]);
    expect(found.map((b) => [b.language, b.code.trim()])).toEqual([
      ['js', 'console.log(1)'],
      ['sql', 'SELECT 1;'],
    ]);
  });
});

describe('runnable code in model answers', () => {
  it('the bank has runnable blocks in JS or TS and in SQL', () => {
    expect(blocks.some((b) => b.language !== 'sql')).toBe(true);
    expect(blocks.some((b) => b.language === 'sql')).toBe(true);
  });

  const scripts = blocks.filter((b) => b.language !== 'sql');
  it.each(scripts.map((b) => [label(b), b] as const))('%s runs and its assertions hold', async (_label, block) => {
    const source =
      block.language === 'ts'
        ? ts.transpileModule(block.code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText
        : block.code;
    await expect(
      run(process.execPath, ['--input-type=module', '-e', source], { timeout: 15_000, env: { PATH: process.env.PATH ?? '' } }),
    ).resolves.toBeDefined();
  });

  describe('SQL on PostgreSQL', () => {
    const sqlBlocks = blocks.filter((b) => b.language === 'sql');
    const database = `onsite_sql_${process.pid}_${randomBytes(4).toString('hex')}`;
    const url = new URL(TEST_PG_URL);
    url.pathname = `/${database}`;

    beforeAll(async () => {
      const admin = new pg.Client({ connectionString: TEST_PG_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${database}`);
      await admin.end();
    });
    afterAll(async () => {
      const admin = new pg.Client({ connectionString: TEST_PG_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    });

    it.each(sqlBlocks.map((b, i) => [label(b), b, i] as const))('%s runs without error', async (_label, block, i) => {
      const client = new pg.Client({ connectionString: url.toString(), statement_timeout: 10_000 });
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA block_${i}; SET search_path TO block_${i}, public`);
        await client.query(block.code);
      } finally {
        await client.end();
      }
    });
  });
});
