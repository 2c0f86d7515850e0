import path from 'node:path';
import { parseArgs } from 'node:util';
import { VERDICTS } from '../shared/judgement.js';
import { STAR_PARTS } from '../shared/ids.js';
import { createLlmClient } from '../server/ai/client.js';
import { aiVerdictSource } from '../server/ai/service.js';
import { ConfigError, loadConfig, type LlmConfig } from '../server/config.js';
import { loadCurriculum } from '../server/content/load-content.js';
import { evaluateDesigns, evaluateStar, evaluateTyped, SPLITS, type Split } from '../server/judge/evaluation.js';

/**
 * `npm run feedback:eval [-- --split tune|test|holdout|fresh]` measures the answer judges against the labelled
 * evaluation set and prints, for each part: agreement with the human verdicts, the confusion table,
 * results per kind of answer, STAR part detection, and design scores (parts without designs, like
 * `holdout`, skip them). See the README for what the
 * figures mean and the thresholds the tests hold them to.
 *
 * `--ai` judges the typed answers with the configured model instead (ONSITE_LLM_URL, through the
 * same prompt and quote checks as a user's review) and prints the same table, so a user can see
 * whether their model helps; `--limit N` takes the first N answers of each part.
 */
const usage = `usage: npm run feedback:eval [-- --split ${SPLITS.join('|')}] [--ai] [--limit N]`;
let values: { split?: string; help?: boolean; ai?: boolean; limit?: string };
try {
  ({ values } = parseArgs({
    options: {
      split: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ai: { type: 'boolean' },
      limit: { type: 'string' },
    },
  }));
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
if (values.limit !== undefined && !/^[1-9]\d*$/.test(values.limit)) {
  console.error('--limit must be a positive whole number');
  process.exit(2);
}
const limit = values.limit === undefined ? undefined : Number(values.limit);
let llm: LlmConfig | undefined;
if (values.ai) {
  try {
    llm = loadConfig().llm;
  } catch (error) {
    console.error(error instanceof ConfigError ? error.problems.join('; ') : (error as Error).message);
    process.exit(2);
  }
  if (!llm) {
    console.error('--ai needs ONSITE_LLM_URL and ONSITE_LLM_MODEL (see README, "AI interviewer")');
    process.exit(2);
  }
}
const splits = values.split ? [values.split as Split] : SPLITS;
const curriculum = await loadCurriculum(path.resolve(process.env.CONTENT_DIR ?? 'content'));
const quiet = { info: () => {}, warn: () => {} };
const verdictOf = llm ? aiVerdictSource(createLlmClient(llm, quiet), curriculum.questions) : undefined;
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const partNotes: Record<Split, string> = {
  tune: 'looked at while building the judge',
  test: 'untouched',
  holdout: 'written blind by an outside writer',
  fresh: 'written blind by another outside writer, on random questions',
};

for (const split of splits) {
  console.log(`\n=== ${split} part (${partNotes[split]})`);
  const typed = await evaluateTyped(curriculum, split, { ...(verdictOf ? { verdictOf } : {}), limit });
  console.log(
    `\nTyped answers${llm ? ` judged by ${llm.model}` : ''}: ${typed.total}, agreement ${pct(typed.agreed / typed.total)} (${typed.agreed}/${typed.total})`,
  );
  if (llm) console.log(`  no usable AI review, offline verdict used: ${typed.fellBack}`);
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

  if (llm) continue; // The AI layer reviews typed answers; STAR stories and designs stay offline.
  const star = await evaluateStar(curriculum, split);
  console.log(`STAR stories: ${star.total}`);
  console.log(
    `  part present/absent right: ${STAR_PARTS.map((part) => `${part} ${pct(star.presence[part])}`).join(', ')}`,
  );
  console.log(
    `  sentences given the right part: ${pct(star.sentences)}; hypothetical spotted: ${pct(star.hypothetical)}; vague actions spotted: ${pct(star.vagueActions)}`,
  );

  const designs = await evaluateDesigns(curriculum, split);
  if (designs.prompts.length === 0) continue;
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
