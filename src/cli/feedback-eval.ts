import path from 'node:path';
import { parseArgs } from 'node:util';
import { VERDICTS } from '../shared/judgement.js';
import { STAR_PARTS } from '../shared/mocks.js';
import { loadCurriculum } from '../server/content/load-content.js';
import { evaluateDesigns, evaluateStar, evaluateTyped, SPLITS, type Split } from '../server/judge/evaluation.js';

/**
 * `npm run feedback:eval [-- --split tune|test]` measures the answer judges against the labelled
 * evaluation set and prints, for each part: agreement with the human verdicts, the confusion table,
 * results per kind of answer, STAR part detection, and design scores. See the README for what the
 * figures mean and the thresholds the tests hold them to.
 */
const usage = `usage: npm run feedback:eval [-- --split ${SPLITS.join('|')}]`;
let values: { split?: string; help?: boolean };
try {
  ({ values } = parseArgs({ options: { split: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (values.split !== undefined && !SPLITS.includes(values.split as Split)) {
  console.error(`--split must be one of: ${SPLITS.join(', ')}`);
  process.exit(2);
}
const splits = values.split ? [values.split as Split] : SPLITS;
const curriculum = await loadCurriculum(path.resolve(process.env.CONTENT_DIR ?? 'content'));
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

for (const split of splits) {
  console.log(`\n=== ${split} part${split === 'tune' ? ' (looked at while building the judge)' : ' (untouched)'}`);
  const typed = await evaluateTyped(curriculum, split);
  console.log(
    `\nTyped answers: ${typed.total}, agreement ${pct(typed.agreed / typed.total)} (${typed.agreed}/${typed.total})`,
  );
  if (split === 'test' && typed.unseenQuestions.total > 0) {
    console.log(
      `  on questions never used for tuning: ${pct(typed.unseenQuestions.agreed / typed.unseenQuestions.total)} of ${typed.unseenQuestions.total}`,
    );
  }
  console.log(
    `  weak or off-topic called strong: ${typed.falseStrong.length}; strong called weak or off-topic: ${typed.missedStrong.length}`,
  );
  console.log('\nHuman label (rows) × verdict (columns):');
  console.table(typed.confusion);
  console.log('By kind of answer:');
  console.table(
    Object.fromEntries(
      Object.entries(typed.kinds)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([kind, counts]) => [kind, Object.fromEntries(VERDICTS.map((v) => [v, counts[v] ?? 0]))]),
    ),
  );

  const star = await evaluateStar(curriculum, split);
  console.log(`STAR stories: ${star.total}`);
  console.log(
    `  part present/absent right: ${STAR_PARTS.map((part) => `${part} ${pct(star.presence[part])}`).join(', ')}`,
  );
  console.log(
    `  sentences given the right part: ${pct(star.sentences)}; hypothetical spotted: ${pct(star.hypothetical)}; vague actions spotted: ${pct(star.vagueActions)}`,
  );

  const designs = await evaluateDesigns(curriculum, split);
  console.log(
    `\nDesigns: buzzword design under half of the strong one in ${designs.buzzwordUnderHalf} of ${designs.prompts.length} prompts; wrong claims caught in ${designs.wrongCaught} of ${designs.wrongTotal} wrong designs`,
  );
  console.table(
    Object.fromEntries(
      designs.prompts.map((p) => [
        p.promptId,
        Object.fromEntries(Object.entries(p.scores).map(([label, score]) => [label, Math.round(score * 100) / 100])),
      ]),
    ),
  );
}
