import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { loadCurriculum } from '../server/content/load-content.js';
import { answerJudgeFor } from '../server/judge/answer.js';
import { readTypedEntries } from '../server/judge/evaluation.js';
import { crossValidate, FIT, fitVerdictModel, type Sample } from '../server/judge/fit.js';
import { decide } from '../server/judge/verdict.js';

/**
 * `npm run feedback:fit` refits the verdict model on the tuning part of the labelled evaluation set
 * (never the test part), prints its cross-validated accuracy by held-out question, and writes
 * `src/server/judge/verdict-model.ts`. Run it after changing rubrics or the judge's measures, then
 * `npm run feedback:eval` to read the untouched figures.
 */
const curriculum = await loadCurriculum(path.resolve(process.env.CONTENT_DIR ?? 'content'));
const judge = answerJudgeFor(curriculum.questions);
const samples: Sample[] = (await readTypedEntries('tune')).map((entry) => ({
  evidence: judge.gather(entry.questionId, entry.answer).evidence,
  label: entry.label,
  group: entry.questionId,
}));
const accuracy = crossValidate(samples, (model, evidence) => decide(evidence, model).verdict);
const model = fitVerdictModel(samples);
const round = (n: number) => Math.round(n * 1e4) / 1e4;
const source = `import type { VerdictModel } from './fit.js';

/**
 * The verdict model, written by \`npm run feedback:fit\` from ${samples.length} labelled answers of the
 * tuning part (L2 ${FIT.l2}, ${FIT.iterations} iterations). Cross-validated accuracy by held-out
 * question, rules included: ${(accuracy * 100).toFixed(1)}%. Do not edit by hand.
 */
export const VERDICT_MODEL: VerdictModel = ${JSON.stringify({
  inputs: model.inputs,
  mean: model.mean.map(round),
  scale: model.scale.map(round),
  weights: model.weights.map((row) => row.map(round)),
  bias: model.bias.map(round),
})};
`;
const file = new URL('../server/judge/verdict-model.ts', import.meta.url);
await writeFile(file, await format(source, { ...(await resolveConfig(file.pathname)), filepath: file.pathname }));
console.log(
  `fitted on ${samples.length} answers; cross-validated accuracy by held-out question ${(accuracy * 100).toFixed(1)}%`,
);
