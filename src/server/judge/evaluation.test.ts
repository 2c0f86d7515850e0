import { describe, expect, it } from 'vitest';
import { STAR_PARTS } from '../../shared/mocks.js';
import { loadCurriculum } from '../content/load-content.js';
import { CONTENT_DIR } from '../paths.js';
import { evaluateDesigns, evaluateStar, evaluateTyped, SPLITS } from './evaluation.js';

/**
 * The judges against the labelled evaluation set (README, "How answers are judged", explains each
 * threshold). The untouched `test` part carries the agreement bar; both parts carry the bar that
 * matters most to a candidate: a weak or off-topic answer is never called strong.
 */
const MIN_TEST_AGREEMENT = 0.81;
const MIN_STAR_PART_DETECTION = 0.83;

const curriculum = await loadCurriculum(CONTENT_DIR);

describe('typed answers against human verdicts', () => {
  it.each(SPLITS)('never calls a weak or off-topic answer strong (%s part)', async (split) => {
    const report = await evaluateTyped(curriculum, split);
    expect(report.total).toBeGreaterThanOrEqual(300);
    expect(report.falseStrong).toEqual([]);
  });

  it(`agrees with the human verdict on at least ${MIN_TEST_AGREEMENT * 100}% of the untouched part`, async () => {
    const report = await evaluateTyped(curriculum, 'test');
    console.log(`judge agreement on the untouched part: ${((report.agreed / report.total) * 100).toFixed(1)}%`);
    console.table(report.confusion);
    expect(report.agreed / report.total).toBeGreaterThanOrEqual(MIN_TEST_AGREEMENT);
  });
});

describe('STAR stories against per-part ground truth', () => {
  it(`finds each part present or absent right in at least ${MIN_STAR_PART_DETECTION * 100}% of untouched stories`, async () => {
    const report = await evaluateStar(curriculum, 'test');
    expect(report.total).toBeGreaterThanOrEqual(30);
    for (const part of STAR_PARTS) expect(report.presence[part], part).toBeGreaterThanOrEqual(MIN_STAR_PART_DETECTION);
  });

  it('tells real stories from hypothetical ones in every untouched story', async () => {
    const report = await evaluateStar(curriculum, 'test');
    expect(report.hypothetical).toBe(1);
  });
});

describe('designs', () => {
  it.each(SPLITS)(
    'scores a buzzword-only design under half of a strong design for every prompt (%s part)',
    async (split) => {
      const report = await evaluateDesigns(curriculum, split);
      expect(report.prompts.length).toBe(7);
      expect(report.buzzwordUnderHalf).toBe(report.prompts.length);
    },
  );

  it.each(SPLITS)('finds the wrong claims in every design written to make them (%s part)', async (split) => {
    const report = await evaluateDesigns(curriculum, split);
    expect(report.wrongTotal).toBeGreaterThan(0);
    expect(report.wrongCaught).toBe(report.wrongTotal);
  });
});
