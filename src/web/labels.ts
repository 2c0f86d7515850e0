import type { LevelId } from '../shared/ids.js';
import type { LabLanguage, TestVerdict } from '../shared/labs.js';

export const LEVEL_LABELS: Record<LevelId, string> = { junior: 'Junior', mid: 'Mid-level', senior: 'Senior / Lead' };

export const LANGUAGE_LABELS: Record<LabLanguage, string> = {
  javascript: 'JavaScript',
  typescript: 'TypeScript',
  python: 'Python',
  sql: 'SQL (PostgreSQL)',
};

export const TEST_VERDICT_LABELS: Record<TestVerdict, string> = {
  passed: 'Passed',
  wrong_answer: 'Wrong answer',
  time_limit: 'Time limit exceeded',
  memory_limit: 'Memory limit exceeded',
  output_limit: 'Output limit exceeded',
  runtime_error: 'Runtime error',
  compile_error: 'Compile error',
  internal_error: 'Internal error',
};

export const LAB_STATUS_LABELS = { solved: 'Solved', attempted: 'Attempted', new: 'New' } as const;
