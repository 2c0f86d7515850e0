import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { VERDICTS, type Verdict } from '../../shared/judgement.js';
import { DESIGN_SECTIONS } from '../../shared/mock-content.js';
import { EMPTY_DIAGRAM } from '../../shared/diagram.js';
import { STAR_PARTS, type StarPart } from '../../shared/ids.js';
import type { Curriculum } from '../content/load-content.js';
import { answerJudgeFor } from './answer.js';
import { judgeDesign } from './design.js';
import { judgeStar, readStarSentences, type StarSentence } from './star.js';

/**
 * Measures the judges against the labelled evaluation set in `eval/`: typed concept answers with a
 * human verdict, STAR stories with each part's text, and designs labelled strong, partial,
 * buzzword-heavy or wrong. Each set is split in parts: `tune` was looked at while the judge and the
 * rubrics were built; `test` was written by someone else, for other questions, and only its
 * figures were ever read (often, so it is no longer quite blind); `holdout` was written later by an
 * outside writer who never saw the judge's code or rubrics, on questions and prompts no other part
 * uses, to estimate how the judge does on answers nobody tuned for. It has typed answers and STAR
 * stories, no designs. `fresh` was written on 2026-12-07 by another outside writer, blind in the same
 * way, on questions drawn at random (some also in other parts); its aggregate figures were read twice,
 * before and after that day's changes, and it gates nothing: it is the plainest estimate of how the
 * judge does on a new writer's answers.
 */

const EVAL_DIR = new URL('./eval/', import.meta.url);
export const SPLITS = ['tune', 'test', 'holdout', 'fresh'] as const;
export type Split = (typeof SPLITS)[number];

const TypedEntry = z.object({
  questionId: z.string(),
  label: z.enum(VERDICTS),
  kind: z.string(),
  why: z.string().optional(),
  answer: z.string().min(1),
});
const StarEntry = z.object({
  promptId: z.string(),
  kind: z.string(),
  hypothetical: z.boolean(),
  vagueActions: z.boolean(),
  answer: z.string().min(1),
  parts: z.record(z.enum(STAR_PARTS), z.array(z.string())),
});
const DesignEntry = z.object({
  promptId: z.string(),
  label: z.enum(['strong', 'partial', 'buzzword', 'wrong']),
  level: z.enum(['junior', 'mid', 'senior']),
  why: z.string().optional(),
  text: z.partialRecord(z.enum(DESIGN_SECTIONS), z.string()),
});

async function readList<S extends z.ZodType>(file: string, schema: S): Promise<z.output<S>[]> {
  const parsed = z.array(schema).safeParse(parse(await readFile(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`${file}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

interface TypedReport {
  total: number;
  agreed: number;
  /** confusion[human label][judge's verdict] */
  confusion: Record<Verdict, Record<Verdict, number>>;
  /** Per kind of answer (e.g. "weak-negated"), how many got each verdict. */
  kinds: Record<string, Partial<Record<Verdict, number>>>;
  /** Weak or off-topic answers the judge called strong: the errors that must never happen. */
  falseStrong: { questionId: string; kind: string; verdict: Verdict }[];
  /** Strong answers the judge called weak or off-topic. */
  missedStrong: { questionId: string; kind: string; verdict: Verdict }[];
  /**
   * Agreement on questions whose answers were not looked at while tuning: in the test part, those the
   * tuning part does not use; in the held-out part, all of them. Not meaningful for the tuning part.
   */
  unseenQuestions: { total: number; agreed: number };
}

/**
 * The labelled typed answers of one part: every folder of `typed/` whose name is the part's, or
 * starts with it ("tune", "tune-2": more tuning data from another writer).
 */
export async function readTypedEntries(split: Split): Promise<z.output<typeof TypedEntry>[]> {
  const root = new URL('typed/', EVAL_DIR);
  const folders = (await readdir(root)).filter((name) => name === split || name.startsWith(`${split}-`)).sort();
  const lists = await Promise.all(
    folders.flatMap(async (folder) => {
      const dir = new URL(`${folder}/`, root);
      const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
      return (await Promise.all(files.map((f) => readList(path.join(dir.pathname, f), TypedEntry)))).flat();
    }),
  );
  return lists.flat();
}

/**
 * Another judge's verdict on a typed answer (the AI layer's, for `feedback:eval --ai`), or null when
 * it gave none; the offline verdict then stands, as it would for a user.
 */
export type VerdictSource = (questionId: string, answer: string) => Promise<Verdict | null>;

export async function evaluateTyped(
  curriculum: Curriculum,
  split: Split,
  options: { verdictOf?: VerdictSource; limit?: number } = {},
): Promise<TypedReport & { fellBack: number }> {
  const entries = (await readTypedEntries(split)).slice(0, options.limit);
  // Only the test part shares questions with the tuning part: the held-out part uses none of them
  // (evaluation.test.ts holds it to that), so all its questions are unseen without reading the tune part.
  const tuned =
    split === 'test' ? new Set((await readTypedEntries('tune')).map((e) => e.questionId)) : new Set<string>();
  const judge = answerJudgeFor(curriculum.questions);
  const zero = () => Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const report: TypedReport & { fellBack: number } = {
    total: entries.length,
    agreed: 0,
    confusion: Object.fromEntries(VERDICTS.map((v) => [v, zero()])) as TypedReport['confusion'],
    kinds: {},
    falseStrong: [],
    missedStrong: [],
    unseenQuestions: { total: 0, agreed: 0 },
    fellBack: 0,
  };
  for (const entry of entries) {
    if (!curriculum.questions.some((q) => q.id === entry.questionId))
      throw new Error(`no question ${entry.questionId}`);
    const other = options.verdictOf ? await options.verdictOf(entry.questionId, entry.answer) : null;
    if (options.verdictOf && other === null) report.fellBack++;
    const verdict = other ?? judge.judge(entry.questionId, entry.answer).verdict;
    report.confusion[entry.label][verdict]++;
    const kind = (report.kinds[entry.kind] ??= {});
    kind[verdict] = (kind[verdict] ?? 0) + 1;
    const agreed = verdict === entry.label;
    if (agreed) report.agreed++;
    if (!tuned.has(entry.questionId)) {
      report.unseenQuestions.total++;
      if (agreed) report.unseenQuestions.agreed++;
    }
    const brief = { questionId: entry.questionId, kind: entry.kind, verdict };
    if ((entry.label === 'weak' || entry.label === 'off-topic') && verdict === 'strong') report.falseStrong.push(brief);
    if (entry.label === 'strong' && (verdict === 'weak' || verdict === 'off-topic')) report.missedStrong.push(brief);
  }
  return report;
}

interface StarReport {
  total: number;
  /** Per part, the share of stories where the judge got its presence right. */
  presence: Record<StarPart, number>;
  /** Share of the ground truth's part texts whose sentence got the right part. */
  sentences: number;
  hypothetical: number;
  vagueActions: number;
}

/** Every file of `folder` whose name is the part's, or starts with it ("tune-2.yaml"). */
async function readPart<S extends z.ZodType>(folder: string, split: Split, schema: S): Promise<z.output<S>[]> {
  const dir = new URL(`${folder}/`, EVAL_DIR);
  const files = (await readdir(dir)).filter(
    (f) => f === `${split}.yaml` || (f.startsWith(`${split}-`) && f.endsWith('.yaml')),
  );
  return (await Promise.all(files.sort().map((f) => readList(path.join(dir.pathname, f), schema)))).flat();
}

export type StarEntry = z.output<typeof StarEntry>;

/** The labelled STAR stories of one part. */
export function readStarEntries(split: Split): Promise<StarEntry[]> {
  return readPart('star', split, StarEntry);
}

/**
 * How well `read` finds the parts of labelled stories: per part, the share of stories where it
 * found the part present or absent right, and the share of labelled spans whose sentence got the
 * right part.
 */
export function scoreStarParts(
  entries: readonly StarEntry[],
  read: (answer: string) => StarSentence[],
): Pick<StarReport, 'presence' | 'sentences'> {
  const right: Record<StarPart, number> = { situation: 0, task: 0, action: 0, result: 0 };
  let spans = 0;
  let spansRight = 0;
  for (const entry of entries) {
    const sentences = read(entry.answer);
    for (const part of STAR_PARTS) {
      const present = sentences.some((s) => s.part === part);
      if (present === (entry.parts[part] ?? []).length > 0) right[part]++;
      for (const span of entry.parts[part] ?? []) {
        spans++;
        const probe = span.slice(0, 40);
        const sentence = sentences.find((s) => s.text.includes(probe) || span.includes(s.text.slice(0, 40)));
        if (sentence?.part === part) spansRight++;
      }
    }
  }
  return {
    presence: Object.fromEntries(STAR_PARTS.map((part) => [part, right[part] / entries.length])) as Record<
      StarPart,
      number
    >,
    sentences: spans > 0 ? spansRight / spans : 0,
  };
}

export async function evaluateStar(curriculum: Curriculum, split: Split): Promise<StarReport> {
  const entries = await readStarEntries(split);
  let hypothetical = 0;
  let vague = 0;
  for (const entry of entries) {
    // Stories may answer a behavioural question of the bank rather than a mock prompt; only the
    // level expectation (not measured here) comes from the prompt.
    const prompt =
      curriculum.behaviouralPrompts.find((p) => p.id === entry.promptId) ?? curriculum.behaviouralPrompts[0]!;
    const feedback = judgeStar(prompt, 'mid', entry.answer);
    if (feedback.hypothetical === entry.hypothetical) hypothetical++;
    if (feedback.vagueActions.length > 0 === entry.vagueActions) vague++;
  }
  const n = entries.length;
  return {
    total: n,
    ...scoreStarParts(entries, (answer) => readStarSentences(answer)),
    hypothetical: hypothetical / n,
    vagueActions: vague / n,
  };
}

interface DesignReport {
  /** Per prompt, the score of each labelled design (written for the strong design's level). */
  prompts: { promptId: string; scores: Partial<Record<z.infer<typeof DesignEntry>['label'], number>> }[];
  /** Prompts where the buzzword design scored under half of the strong one. */
  buzzwordUnderHalf: number;
  /** Prompts where the wrong design had at least one misconception found. */
  wrongCaught: number;
  wrongTotal: number;
}

export async function evaluateDesigns(curriculum: Curriculum, split: Split): Promise<DesignReport> {
  const entries = await readPart('design', split, DesignEntry);
  const byPrompt = new Map<string, DesignReport['prompts'][number]>();
  let wrongCaught = 0;
  let wrongTotal = 0;
  for (const entry of entries) {
    const prompt = curriculum.designPrompts.find((p) => p.id === entry.promptId);
    if (!prompt) throw new Error(`no design prompt ${entry.promptId}`);
    const level = entries.find((e) => e.promptId === entry.promptId && e.label === 'strong')?.level ?? entry.level;
    const text = DESIGN_SECTIONS.map((section) => entry.text[section] ?? '').join('\n\n');
    const feedback = judgeDesign(prompt, level, text, EMPTY_DIAGRAM, curriculum.designMisconceptions);
    const row = byPrompt.get(entry.promptId) ?? { promptId: entry.promptId, scores: {} };
    row.scores[entry.label] = feedback.score;
    byPrompt.set(entry.promptId, row);
    if (entry.label === 'wrong') {
      wrongTotal++;
      if (feedback.misconceptions.length > 0) wrongCaught++;
    }
  }
  const prompts = [...byPrompt.values()];
  return {
    prompts,
    buzzwordUnderHalf: prompts.filter((p) => (p.scores.buzzword ?? 1) < (p.scores.strong ?? 0) / 2).length,
    wrongCaught,
    wrongTotal,
  };
}
