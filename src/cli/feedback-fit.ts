import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { STAR_PARTS } from '../shared/ids.js';
import { loadCurriculum } from '../server/content/load-content.js';
import { answerJudgeFor } from '../server/judge/answer.js';
import { readStarEntries, readTypedEntries, scoreStarParts } from '../server/judge/evaluation.js';
import { crossValidate, FIT, fitVerdictModel, modelSource, type Sample } from '../server/judge/fit.js';
import { crossValidateStar, fitStarModel, STAR_FIT, TASK_PRIOR } from '../server/judge/star-fit.js';
import { readStarSentences } from '../server/judge/star.js';
import { decide } from '../server/judge/verdict.js';

/**
 * `npm run feedback:fit [-- --only verdict|star]` refits the judge's models on the tuning part of
 * the labelled evaluation set (never the test part), prints their accuracy cross-validated by
 * held-out question or prompt, and writes `src/server/judge/verdict-model.ts` and
 * `star-model.ts`. Run it after changing rubrics, cues or the judge's measures, then
 * `npm run feedback:eval` to read the untouched figures.
 */
const MODELS = ['verdict', 'star'] as const;
const usage = `usage: npm run feedback:fit [-- --only ${MODELS.join('|')}]`;
let only: string | undefined;
try {
  ({
    values: { only },
  } = parseArgs({ options: { only: { type: 'string' } } }));
} catch (error) {
  console.error(`${(error as Error).message} (${usage})`);
  process.exit(2);
}
if (only !== undefined && !MODELS.includes(only as (typeof MODELS)[number])) {
  console.error(`--only must be one of: ${MODELS.join(', ')}`);
  process.exit(2);
}
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

async function writeModule(name: string, source: string): Promise<void> {
  const file = new URL(`../server/judge/${name}`, import.meta.url);
  await writeFile(file, await format(source, { ...(await resolveConfig(file.pathname)), filepath: file.pathname }));
}

if (only !== 'star') {
  const curriculum = await loadCurriculum(path.resolve(process.env.CONTENT_DIR ?? 'content'));
  const judge = answerJudgeFor(curriculum.questions);
  const samples: Sample[] = (await readTypedEntries('tune')).map((entry) => ({
    evidence: judge.gather(entry.questionId, entry.answer).evidence,
    label: entry.label,
    group: entry.questionId,
  }));
  const accuracy = crossValidate(samples, (model, evidence) => decide(evidence, model).verdict);
  await writeModule(
    'verdict-model.ts',
    `import type { VerdictModel } from './fit.js';

/**
 * The verdict model, written by \`npm run feedback:fit\` from ${samples.length} labelled answers of the
 * tuning part (L2 ${FIT.l2}, ${FIT.iterations} iterations). Cross-validated accuracy by held-out
 * question, rules included: ${pct(accuracy)}. Do not edit by hand.
 */
export const VERDICT_MODEL: VerdictModel = ${modelSource(fitVerdictModel(samples))};
`,
  );
  console.log(
    `verdict model: ${samples.length} answers; cross-validated accuracy by held-out question ${pct(accuracy)}`,
  );
}

if (only !== 'verdict') {
  const entries = await readStarEntries('tune');
  const folds = crossValidateStar(entries, (model, held) =>
    scoreStarParts(held, (answer) => readStarSentences(answer, model)),
  );
  const weigh = (get: (score: (typeof folds)[number]['score']) => number) =>
    folds.reduce((sum, fold) => sum + get(fold.score) * fold.stories, 0) / entries.length;
  const figures = `${STAR_PARTS.map((part) => `${part} ${pct(weigh((s) => s.presence[part]))}`).join(', ')}; sentences ${pct(weigh((s) => s.sentences))}`;
  await writeModule(
    'star-model.ts',
    `import type { SoftmaxModel } from './fit.js';

/**
 * The STAR part model, written by \`npm run feedback:fit\` from ${entries.length} labelled stories of the
 * tuning part (L2 ${STAR_FIT.l2}, ${STAR_FIT.iterations} iterations, task prior ${TASK_PRIOR}); inputs are
 * \`STAR_FEATURES\`, classes \`STAR_PARTS\` in order. Cross-validated by held-out prompt, each part
 * found present or absent right:
 * ${figures}.
 * Do not edit by hand.
 */
export const STAR_MODEL: SoftmaxModel = ${modelSource(fitStarModel(entries))};
`,
  );
  console.log(`STAR model: ${entries.length} stories; cross-validated by held-out prompt: ${figures}`);
}
