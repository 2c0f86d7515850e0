import { LEVEL_IDS, type LevelId } from '../../shared/ids.js';
import type { Misconception } from '../../shared/curriculum.js';
import { DESIGN_SECTIONS, type DesignPrompt } from '../../shared/mock-content.js';
import { DIAGRAM_NODE_KINDS, type Diagram } from '../../shared/diagram.js';
import type { DesignFeedback } from '../../shared/mock-feedback.js';
import { reasoningOf } from './design-reasons.js';
import { analyse } from './language.js';
import { prepareClaims, preparePoints, readClaims, readPointAcross } from './rubric.js';
import { round2 } from './text.js';

/**
 * Judges a written system design and its diagram against the prompt's rubric: which points the
 * design makes (a box on the diagram counts as naming its kind), the capacity estimates it works
 * with, the reasons it gives, and the wrong claims common in design rounds (a CDN as the primary
 * store, exactly-once delivery end to end…). A list of components with no numbers and no reasons
 * earns little: coverage is weighed by how much of the design is reasoned.
 */

/** The words a node kind stands for, so drawing a cache box counts as saying "cache". */
const KIND_WORDS: Record<Diagram['nodes'][number]['kind'], string> = {
  client: 'client',
  service: 'service',
  database: 'database',
  cache: 'cache',
  queue: 'queue',
  storage: 'storage',
  cdn: 'CDN',
  'load-balancer': 'load balancer',
  external: '',
};

const levelRank = (level: LevelId) => LEVEL_IDS.indexOf(level);

/** How many of the interviewer's follow-ups to show at once. */
const MAX_DESIGN_FOLLOW_UPS = 3;

/**
 * Capacity figures: a number with a unit of rate, size, bandwidth, count of users or time, as in
 * "~1,200 writes/s", "4 TB a year", "300 Mbps egress", "10M DAU", "p99 under 200 ms".
 */
const ESTIMATE = new RegExp(
  String.raw`(?:~|≈)?\b\d[\d,.]*\s?(?:k|m|bn|b|million|billion|thousand)?\s?(?:` +
    [
      String.raw`(?:req(?:uest)?s?|writes?|reads?|queries|ops|operations|events|messages|msgs|uploads|views|clicks|checks|jobs|calls|transactions|tx|tps|rps|qps|wps)\s?(?:\/|per |a |each )\s?(?:s|sec|second|min|minute|hour|day)\b`,
      String.raw`(?:rps|qps|tps|wps)\b`,
      String.raw`(?:[kmgtpe]i?b|bytes?|kilobytes?|megabytes?|gigabytes?|terabytes?|petabytes?)\b(?:\s?(?:\/|per |a |each )\s?(?:s|sec|second|day|month|year))?`,
      String.raw`(?:[kmgt]bps|[kmgt]bit\/s|bits? per second)\b`,
      String.raw`(?:dau|mau|users|active users|daily users|customers|clients|devices|tenants|connections|concurrent (?:users|connections))\b`,
      String.raw`(?:ms|milliseconds?)\b`,
    ].join('|') +
    ')',
  'gi',
);

function estimatesIn(text: string): string[] {
  return [...new Set([...text.matchAll(ESTIMATE)].map((m) => m[0].trim()))];
}

/** Reasons or estimates at which a design counts as fully reasoned. */
const REASONED_DESIGN = 8;
/**
 * The share of coverage a design with no attached reasons keeps: naming every component, even in
 * sentences ("We use Redis because it scales."), is a partial design at best.
 */
const UNREASONED_CREDIT = 0.35;

/**
 * Rubric coverage of a design from its written text and diagram: each node (its label plus the word
 * for its kind) and each edge label is a separate source, so phrases never match across two boxes.
 *
 * Points above the candidate's level are `stretch`: covered ones are shown, missed ones cost
 * nothing. Coverage is the share of expected (non-stretch) points covered (partly covered, e.g.
 * only named in a list, counts half). The score is coverage × (0.35 + 0.65 × reasoning), where
 * reasoning is the share of {@link REASONED_DESIGN} reasons and estimates the design gives — only
 * those attached to a decision count (see `design-reasons.ts`) — less
 * 0.1 for each wrong claim. Follow-ups ask about missed expected points, earliest section first,
 * then lowest level.
 */
export function judgeDesign(
  prompt: DesignPrompt,
  level: LevelId,
  text: string,
  diagram: Diagram,
  commonMisconceptions: readonly Misconception[] = [],
): DesignFeedback {
  const textAnalysis = analyse(text);
  const sources = [
    textAnalysis,
    ...[
      ...diagram.nodes.map((node) => `${node.label} ${KIND_WORDS[node.kind]}`),
      ...diagram.edges.map((edge) => edge.label),
    ]
      .filter((source) => source.trim() !== '')
      .map(analyse),
  ];
  const rubric = preparePoints(prompt.rubric);
  const points = prompt.rubric.map((point, i) => {
    const reading = readPointAcross(sources, rubric[i]!);
    return {
      id: point.id,
      statement: point.statement,
      covered: reading.status === 'covered',
      status: reading.status,
      matchedPhrase: reading.phrase,
      section: point.section,
      level: point.level,
      followUp: point.followUp,
      stretch: levelRank(point.level) > levelRank(level),
    };
  });
  const expected = points.filter((p) => !p.stretch);
  const credit = (p: (typeof points)[number]) => (p.status === 'covered' ? 1 : p.status === 'partly' ? 0.5 : 0);
  const coverage = expected.length > 0 ? expected.reduce((sum, p) => sum + credit(p), 0) / expected.length : 0;

  const estimates = estimatesIn(text);
  const { reasons, usedEstimates } = reasoningOf(
    textAnalysis,
    rubric.flatMap((point) => point.phrases),
    estimatesIn,
  );
  const reasoning = Math.min(1, (reasons + usedEstimates) / REASONED_DESIGN);
  const { misconceptions } = readClaims(
    textAnalysis,
    prepareClaims([...prompt.misconceptions, ...commonMisconceptions]),
  );
  const score = Math.max(
    0,
    coverage * (UNREASONED_CREDIT + (1 - UNREASONED_CREDIT) * reasoning) - 0.1 * misconceptions.length,
  );

  const followUps = expected
    .map((point, index) => ({ point, index }))
    .filter(({ point }) => point.status !== 'covered')
    .sort(
      (a, b) =>
        DESIGN_SECTIONS.indexOf(a.point.section) - DESIGN_SECTIONS.indexOf(b.point.section) ||
        levelRank(a.point.level) - levelRank(b.point.level) ||
        a.index - b.index,
    )
    .slice(0, MAX_DESIGN_FOLLOW_UPS)
    .map(({ point }) => point.followUp);

  const tips: string[] = [];
  if (estimates.length === 0)
    tips.push(
      'Put numbers on it: requests per second at peak, storage per year, bandwidth — and let them drive choices.',
    );
  if (reasoning < 0.5)
    tips.push('Say why, not only what: for each component, the reason it is there and what it costs you.');

  const kinds = new Set(diagram.nodes.map((node) => node.kind));
  return {
    sections: DESIGN_SECTIONS.map((section) => {
      const inSection = expected.filter((p) => p.section === section);
      return { section, covered: inSection.filter((p) => p.covered).length, total: inSection.length };
    }),
    points,
    coverage: round2(coverage),
    score: round2(score),
    estimates,
    reasons: Math.round(reasons),
    misconceptions: misconceptions.map((m) => ({
      claim: m.claim,
      correction: m.correction,
      quote: m.evidence.map((span) => text.slice(span.start, span.end)).join(' … '),
    })),
    tips,
    followUps,
    diagram: {
      nodes: diagram.nodes.length,
      edges: diagram.edges.length,
      kinds: DIAGRAM_NODE_KINDS.filter((kind) => kinds.has(kind)),
    },
  };
}
