import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadCurriculum } from '../content/load-content.js';
import { CONTENT_DIR } from '../paths.js';
import { classifyAnswer, gradeAnswer } from './grader.js';

/** The agreement the grader must reach with human labels; README explains the choice. */
const MIN_AGREEMENT = 0.75;

const Entry = z.object({
  questionId: z.string(),
  label: z.enum(['strong', 'partial', 'weak', 'off-topic']),
  answer: z.string(),
});
const entries = z.array(Entry).parse(parse(await readFile(new URL('./grader-eval.yaml', import.meta.url), 'utf8')));
const questions = new Map((await loadCurriculum(CONTENT_DIR)).questions.map((q) => [q.id, q]));

describe('rubric grader against human labels', () => {
  it('has a labelled set of at least 60 answers covering every label', () => {
    expect(entries.length).toBeGreaterThanOrEqual(60);
    expect(new Set(entries.map((e) => e.label)).size).toBe(4);
  });

  it(`agrees with the human label on at least ${MIN_AGREEMENT * 100}% of answers`, () => {
    const confusion: Record<string, Record<string, number>> = {};
    let agreed = 0;
    for (const entry of entries) {
      const question = questions.get(entry.questionId);
      expect(question, entry.questionId).toBeDefined();
      const predicted = classifyAnswer(question!, entry.answer, gradeAnswer(question!, entry.answer));
      confusion[entry.label] ??= {};
      confusion[entry.label]![predicted] = (confusion[entry.label]![predicted] ?? 0) + 1;
      if (predicted === entry.label) agreed++;
    }
    const agreement = agreed / entries.length;
    console.log(
      `rubric grader agreement with human labels: ${(agreement * 100).toFixed(1)}% (${agreed}/${entries.length})`,
    );
    console.table(confusion);
    expect(agreement).toBeGreaterThanOrEqual(MIN_AGREEMENT);
  });

  it('ranks strong answers above weak ones for the same question', () => {
    const byQuestion = new Map<string, { label: string; score: number }[]>();
    for (const entry of entries) {
      const score = gradeAnswer(questions.get(entry.questionId)!, entry.answer).score;
      byQuestion.set(entry.questionId, [...(byQuestion.get(entry.questionId) ?? []), { label: entry.label, score }]);
    }
    const order = { strong: 3, partial: 2, weak: 1, 'off-topic': 0 } as const;
    let consistent = 0;
    let pairs = 0;
    for (const graded of byQuestion.values()) {
      for (const a of graded) {
        for (const b of graded) {
          if (order[a.label as keyof typeof order] > order[b.label as keyof typeof order]) {
            pairs++;
            if (a.score > b.score) consistent++;
          }
        }
      }
    }
    expect(consistent / pairs).toBeGreaterThanOrEqual(0.85);
  });
});
