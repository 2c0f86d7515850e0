import { describe, expect, it } from 'vitest';
import { AREA_IDS, LEVEL_IDS } from '../../shared/curriculum.js';
import { CONTENT_DIR } from '../paths.js';
import { createCatalog } from '../curriculum/service.js';
import { checkContent } from './check-content.js';

const report = await checkContent(CONTENT_DIR);
const { questions } = report.curriculum;

describe('the question bank in content/', () => {
  it('passes every content check (schema, quality bar, near-duplicates, cells, guide coverage)', () => {
    const lines = report.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    expect(lines).toEqual([]);
  });

  it('has at least 300 questions and at least 20 in every area', () => {
    expect(questions.length).toBeGreaterThanOrEqual(300);
    for (const area of AREA_IDS) {
      expect(questions.filter((q) => q.area === area).length, area).toBeGreaterThanOrEqual(20);
    }
  });

  it('has every level in every area', () => {
    for (const area of AREA_IDS) {
      for (const level of LEVEL_IDS) {
        expect(questions.some((q) => q.area === area && q.levels.includes(level)), `${area} × ${level}`).toBe(true);
      }
    }
  });

  it('has at least five questions for each framework', () => {
    for (const tag of ['nodejs', 'spring', 'django', 'rails', 'dotnet']) {
      expect(questions.filter((q) => q.area === 'frameworks' && q.tags.includes(tag)).length, tag).toBeGreaterThanOrEqual(5);
    }
  });

  it('has at least 25 behavioural prompts, each saying what a strong answer shows at every level', () => {
    const behavioural = questions.filter((q) => q.area === 'behavioural');
    expect(behavioural.length).toBeGreaterThanOrEqual(25);
    for (const q of behavioural) expect(Object.keys(q.levelSignals ?? {}).sort(), q.id).toEqual(['junior', 'mid', 'senior']);
  });

  it('covers every topic of the source guide', () => {
    expect(report.topics.length).toBeGreaterThan(60);
    for (const topic of report.topics) expect(report.coverage[topic.id]?.length ?? 0, topic.id).toBeGreaterThan(0);
  });
});

describe('search over the bank', () => {
  const catalog = createCatalog(report.curriculum);
  it.each(report.topics.map((t) => [t.topic, t.id] as const))('finds a question on “%s” in the first ten results', (topic, id) => {
    const found = catalog.listQuestions({ q: topic, limit: 10 }).items.map((q) => q.id);
    expect(found.filter((q) => report.coverage[id]?.includes(q))).not.toEqual([]);
  });
});
