import type { Question } from '../../shared/curriculum.js';

export type RunnableLanguage = 'js' | 'ts' | 'sql';

export interface RunnableBlock {
  questionId: string;
  /** 1-based position among the question's runnable blocks, for error messages. */
  index: number;
  language: RunnableLanguage;
  code: string;
}

const RUNNABLE_FENCE = /^```(js|ts|sql) runnable[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;

/**
 * The code blocks in model answers that claim to run (fenced as ```js runnable, ```ts runnable or
 * ```sql runnable). The test suite executes every one, so an answer never shows broken code.
 */
export function extractRunnableBlocks(questions: readonly Question[]): RunnableBlock[] {
  return questions.flatMap((question) =>
    [...question.answer.matchAll(RUNNABLE_FENCE)].map((match, i) => ({
      questionId: question.id,
      index: i + 1,
      language: match[1] as RunnableLanguage,
      code: match[2]!,
    })),
  );
}
