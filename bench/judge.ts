import { loadCurriculum } from '../src/server/content/load-content.js';
import { answerJudgeFor } from '../src/server/judge/answer.js';
import { readStarSentences } from '../src/server/judge/star.js';
import { CONTENT_DIR } from '../src/server/paths.js';
import { stats } from './sandbox.js';

const RUNS = 300;
const WORDS = 300;

/** A 300-word answer in the question's own domain: its model answer, repeated and cut to length. */
function answerOfLength(text: string, words: number): string {
  const all = text.split(/\s+/);
  return Array.from({ length: words }, (_, i) => all[i % all.length]).join(' ');
}

/**
 * The answer judge's cost per typed answer: p50 and p99 of judging a 300-word answer against
 * its question's rubric, misconceptions and the bank's topic model, cycling through questions so
 * caches see a realistic mix (each question's rubric is read on first use and then reused).
 */
export async function benchJudge(): Promise<void> {
  const curriculum = await loadCurriculum(CONTENT_DIR);
  const buildStart = performance.now();
  const judge = answerJudgeFor(curriculum.questions);
  const build = performance.now() - buildStart;
  const questions = curriculum.questions.slice(0, 60);
  const answers = questions.map((q) => answerOfLength(q.answer, WORDS));
  for (let i = 0; i < questions.length; i++) judge.judge(questions[i]!.id, answers[i]!);
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const index = i % questions.length;
    const start = performance.now();
    judge.judge(questions[index]!.id, answers[index]!);
    samples.push(performance.now() - start);
  }
  const { p50, p99 } = stats(samples);
  const star = curriculum.behaviouralPrompts.map((p) => answerOfLength(p.example, WORDS));
  const starSamples = star.map((answer) => {
    const start = performance.now();
    readStarSentences(answer);
    return performance.now() - start;
  });
  console.log('\nAnswer judge (offline, one process):');
  console.table({
    [`typed answer, ${WORDS} words`]: { p50: `${p50.toFixed(1)} ms`, p99: `${p99.toFixed(1)} ms` },
    [`STAR story, ${WORDS} words`]: {
      p50: `${stats(starSamples).p50.toFixed(1)} ms`,
      p99: `${stats(starSamples).p99.toFixed(1)} ms`,
    },
    'judge built for the bank (start-up)': { p50: `${build.toFixed(0)} ms`, p99: '' },
  });
}
