import MiniSearch from 'minisearch';
import { stemmer } from 'stemmer';
import type { QuestionDto, QuestionListQuery, QuestionPage, QuestionSummaryDto } from '../../shared/api.js';
import {
  LEVEL_IDS,
  type Area,
  type AreaId,
  type Level,
  type LevelId,
  type Misconception,
  type Question,
  type Stage,
} from '../../shared/curriculum.js';
import type { BehaviouralPrompt, DesignPrompt, ScreenPrompt } from '../../shared/mock-content.js';
import { z } from 'zod';
import { decodeCursor, encodeCursor, invalidCursor } from '../cursor.js';
import { notFound } from '../errors.js';
import type { Curriculum } from '../content/load-content.js';

/**
 * The read side of the curriculum, held in memory: the content is small and read-mostly, and the
 * embedded database blocks the event loop while it queries, so every read is served from here
 * after the start-up sync. Build a new catalog to pick up new content.
 */
export interface Catalog {
  listAreas(): (Area & { questionCount: number; levelCounts: Record<LevelId, number> })[];
  getArea(id: string): Area & { questionCount: number; levelCounts: Record<LevelId, number> };
  listQuestions(query: QuestionListQuery): QuestionPage;
  getQuestion(id: string): QuestionDto;
  listTags(): { tag: string; count: number }[];
  listLevels(): Level[];
  getLevel(id: string): Level;
  listStages(): Stage[];
  getStage(id: string): Stage;
  /** Every question, in display order, for services that select from the whole bank. */
  allQuestions(): readonly Question[];
  findQuestion(id: string): Question | undefined;
  /** Mock-interview prompts, for the mock service's plans and feedback. */
  designPrompts(): readonly DesignPrompt[];
  behaviouralPrompts(): readonly BehaviouralPrompt[];
  screenPrompts(): readonly ScreenPrompt[];
  /** Wrong claims common to every design prompt. */
  designMisconceptions(): readonly Misconception[];
}

const STOP_WORDS = new Set(
  'a about an and are as at be between by can compared difference do does for from how i in into is it its of on or that the their there these this those to versus vs what when where which why with would you your'.split(
    ' ',
  ),
);

/**
 * One form per word for both the index and the query: lower case, British -ise/-isation spelt as
 * -ize/-ization, then the Porter stem — so "authorisation", "authorization" and "authorize" meet,
 * as do "preventing" and "prevent".
 */
function normaliseTerm(term: string): string | null {
  const lower = term.toLowerCase();
  if (STOP_WORDS.has(lower)) return null;
  return stemmer(lower.length > 5 ? lower.replace(/is(e|es|ed|ing|ation|ations)$/, 'iz$1') : lower);
}

export function createCatalog(curriculum: Curriculum): Catalog {
  const areaOrder = new Map(curriculum.areas.map((area, index) => [area.id, index]));
  const questions = [...curriculum.questions].sort(
    (a, b) => (areaOrder.get(a.area) ?? 0) - (areaOrder.get(b.area) ?? 0) || a.id.localeCompare(b.id),
  );
  const byId = new Map(questions.map((q) => [q.id, q]));
  const index = buildSearchIndex(questions);

  const areaStats = (id: AreaId) => {
    const inArea = questions.filter((q) => q.area === id);
    const levelCounts = Object.fromEntries(
      LEVEL_IDS.map((level) => [level, inArea.filter((q) => q.levels.includes(level)).length]),
    ) as Record<LevelId, number>;
    return { questionCount: inArea.length, levelCounts };
  };
  const areas = curriculum.areas.map((area) => ({ ...area, ...areaStats(area.id) }));

  const tagCounts = new Map<string, number>();
  for (const q of questions) for (const tag of q.tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
  const tags = [...tagCounts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));

  return {
    listAreas: () => areas,
    getArea: (id) => findOr(areas, id, () => notFound('area_not_found', `No area with id "${id}".`)),
    listTags: () => tags,
    allQuestions: () => questions,
    findQuestion: (id) => byId.get(id),
    designPrompts: () => curriculum.designPrompts,
    designMisconceptions: () => curriculum.designMisconceptions,
    behaviouralPrompts: () => curriculum.behaviouralPrompts,
    screenPrompts: () => curriculum.screenPrompts,
    listLevels: () => curriculum.levels,
    getLevel: (id) => findOr(curriculum.levels, id, () => notFound('level_not_found', `No level with id "${id}".`)),
    listStages: () => curriculum.stages,
    getStage: (id) => findOr(curriculum.stages, id, () => notFound('stage_not_found', `No stage with id "${id}".`)),
    getQuestion: (id) => {
      const question = byId.get(id);
      if (!question) throw notFound('question_not_found', `No question with id "${id}".`);
      return toQuestionDto(question);
    },
    listQuestions: (query) => {
      const found = query.q ? search(index, query.q) : null;
      const candidates = found ? [...found.keys()].flatMap((id) => byId.get(id) ?? []) : questions;
      const matching = candidates.filter(
        (q) =>
          (!query.area || q.area === query.area) &&
          (!query.level || q.levels.includes(query.level)) &&
          (!query.tag || q.tags.includes(query.tag)),
      );
      const start = query.cursor ? startAfter(matching, query.cursor) : 0;
      const page = matching.slice(start, start + query.limit);
      const last = page.at(-1);
      const hasMore = start + page.length < matching.length;
      return {
        items: page.map((q) => (found ? { ...toSummary(q), matches: found.get(q.id) ?? [] } : toSummary(q))),
        total: matching.length,
        nextCursor: hasMore && last ? encodeCursor({ after: last.id }) : null,
      };
    },
  };
}

function buildSearchIndex(questions: readonly Question[]): MiniSearch<{ id: string }> {
  const index = new MiniSearch<{ id: string }>({
    // `spellings` holds the question's and tags' words as written, so a typo is a letter or two from
    // them ("idempotncy" → "idempotency"); every other field is indexed by stem only ("caches" finds
    // "caching"), so no word counts twice.
    fields: ['question', 'tags', 'keyPoints', 'hint', 'answer', 'spellings'],
    extractField: (doc, field) => {
      const q = doc as unknown as Question;
      if (field === 'tags') return q.tags.join(' ').replaceAll('-', ' ');
      if (field === 'spellings') return `${q.question} ${q.tags.join(' ').replaceAll('-', ' ')}`;
      if (field === 'keyPoints') return q.keyPoints.map((p) => `${p.statement} ${p.phrases.join(' ')}`).join(' ');
      return String((q as unknown as Record<string, unknown>)[field] ?? '');
    },
    processTerm: (raw, field) => {
      const term = raw.replaceAll('`', '');
      if (!term || normaliseTerm(term) === null) return null;
      return field === 'spellings' ? term.toLowerCase() : normaliseTerm(term);
    },
    searchOptions: {
      processTerm: (raw) => {
        const term = raw.replaceAll('`', '');
        return term ? normaliseTerm(term) : null;
      },
      boost: { question: 4, tags: 3, keyPoints: 2, spellings: 0.5 },
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 8 ? 2 : term.length >= 5 ? 1 : false),
    },
  });
  index.addAll(questions as unknown as { id: string }[]);
  return index;
}

/** Share of the best match's score below which a result is too weak to show. */
const RELEVANCE_CUTOFF = 0.3;

/**
 * Any-term search ranked by BM25 (a question matching more of the words ranks higher), keeping the
 * results within reach of the best one so a broad word does not drag in half the bank.
 */
function search(index: MiniSearch<{ id: string }>, text: string): Map<string, string[]> {
  const results = index.search(text, { combineWith: 'OR' });
  const best = results[0]?.score ?? 0;
  return new Map(
    results
      .filter((result) => result.score >= best * RELEVANCE_CUTOFF)
      .map((result) => [String(result.id), result.terms]),
  );
}

/** A question page ends after this question id. */
const QuestionCursor = z.object({ after: z.string().max(200) });

function startAfter(items: readonly Question[], cursor: string): number {
  const { after } = decodeCursor(cursor, QuestionCursor);
  const position = items.findIndex((q) => q.id === after);
  if (position < 0) throw invalidCursor();
  return position + 1;
}

function toSummary(q: Question): QuestionSummaryDto {
  return { id: q.id, area: q.area, levels: q.levels, tags: q.tags, question: q.question };
}

function toQuestionDto(q: Question): QuestionDto {
  return {
    ...toSummary(q),
    hint: q.hint,
    answer: q.answer,
    keyPoints: q.keyPoints,
    followUps: q.followUps.map((f) =>
      f.probes ? { question: f.question, probes: f.probes } : { question: f.question },
    ),
    pitfalls: q.pitfalls,
    misconceptions: q.misconceptions.map(({ claim, correction }) => ({ claim, correction })),
    references: q.references,
    ...(q.levelSignals ? { levelSignals: q.levelSignals } : {}),
  };
}

function findOr<T extends { id: string }>(items: readonly T[], id: string, error: () => Error): T {
  const item = items.find((candidate) => candidate.id === id);
  if (!item) throw error();
  return item;
}
