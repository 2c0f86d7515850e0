import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCurriculum } from '../server/content/load-content.js';
import { AnswerJudge } from '../server/judge/answer.js';

/**
 * `npm run feedback:try -- <question-id> [answer]` shows how the answer judge reads an answer:
 * every key point with the words that showed it, wrong claims, warnings, the verdict and why. The
 * answer is the second argument, or standard input when it is absent or `-`. For rubric authors.
 */
const [questionId, text] = process.argv.slice(2);
if (!questionId) {
  console.error('usage: npm run feedback:try -- <question-id> [answer | -]');
  process.exit(2);
}
const answer = text === undefined || text === '-' ? readFileSync(0, 'utf8') : text;
const curriculum = await loadCurriculum(path.resolve(process.env.CONTENT_DIR ?? 'content'));
if (!curriculum.questions.some((q) => q.id === questionId)) {
  console.error(`no question with id "${questionId}"`);
  process.exit(2);
}
const judgement = new AnswerJudge(curriculum.questions).judge(questionId, answer);
const quote = (spans: readonly { start: number; end: number }[]) =>
  spans.map((span) => answer.slice(span.start, span.end)).join(' … ');

console.log(`verdict: ${judgement.verdict} (coverage ${Math.round(judgement.score * 100)}%)`);
for (const reason of judgement.reasons) console.log(`  ${reason}`);
for (const point of judgement.points) {
  const shown = point.phrase ? ` — phrase "${point.phrase}" at "${quote(point.evidence)}"` : '';
  console.log(`${point.status.padEnd(12)} ${point.id}${shown}`);
}
for (const m of judgement.misconceptions)
  console.log(`WRONG CLAIM  ${m.claim} — at "${quote(m.evidence)}"\n             ${m.correction}`);
for (const w of judgement.warnings) console.log(`WARNS        ${w.text} — at "${quote(w.evidence)}"`);
