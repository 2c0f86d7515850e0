import { LEVEL_IDS, type LevelId, type StageId } from '../../shared/ids.js';
import { parseStoredJudgement } from '../../shared/judgement.js';
import type { DesignSection } from '../../shared/mock-content.js';
import type { MockItem, MockState, Scorecard, SignalRating, TranscriptTurn } from '../../shared/mocks.js';
import type { Catalog } from '../curriculum/service.js';
import type { FollowUpRow } from './queries.js';
import { excerpt, transcriptOf } from './transcript.js';

type Evidence = SignalRating['evidence'][number];
type Cite = Evidence['turns'][number];

/** A candidate turn cited by the words the judge found in it, else by its opening words. */
function cite(turn: TranscriptTurn, spans: readonly { start: number; end: number }[] = []): Cite {
  const found = spans.map((span) => turn.text.slice(span.start, span.end).trim()).filter(Boolean);
  return { turn: turn.turn, quote: found.length ? excerpt(found.slice(0, 2).join(' … ')) : excerpt(turn.text) };
}

/** A point's evidence as one run of words: its spans joined when they sit close together (a phrase's words), else the first. */
function wordsOf(spans: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  if (spans.length === 0) return [];
  const start = Math.min(...spans.map((s) => s.start));
  const end = Math.max(...spans.map((s) => s.end));
  return [end - start <= 160 ? { start, end } : spans[0]!];
}

const citing = (cites: readonly Cite[]) => cites.map((c) => `turn ${c.turn}: “${c.quote}”`).join('; ');

/** The design section a rubric point belongs to, by id. */
function sectionOf(item: MockItem, pointId: string | null): DesignSection | undefined {
  return item.kind === 'design' ? item.feedback?.points.find((p) => p.id === pointId)?.section : undefined;
}

/** In a blend the higher level is the bar: a mid/senior candidate is interviewing for senior. */
export function targetLevel(levels: readonly LevelId[]): LevelId {
  return [...levels].sort((a, b) => LEVEL_IDS.indexOf(b) - LEVEL_IDS.indexOf(a))[0]!;
}

/** 0..1 evidence to the 1..4 rating an interviewer would write down. */
export function toRating(score: number): number {
  return score >= 0.8 ? 4 : score >= 0.6 ? 3 : score >= 0.4 ? 2 : 1;
}

/**
 * Which signals each kind of answer shows. The mapping is the scorecard's contract: every rating
 * comes from these pieces of evidence (and the interviewer's score, when one was given), never
 * from anything the candidate cannot see and follow.
 */
function evidenceFor(
  catalog: Catalog,
  labTitle: (slug: string) => string,
  stage: StageId,
  item: MockItem,
  followUps: readonly FollowUpRow[],
): [signal: string, evidence: Evidence][] {
  const at = (label: string, detail: string, score: number, turns: Cite[] = []): Evidence => ({
    stage,
    itemId: item.id,
    label,
    detail: turns.length ? `${detail} — ${citing(turns)}` : detail,
    score: Math.max(0, Math.min(1, score)),
    turns,
  });
  const transcript = transcriptOf(catalog, item, followUps);
  /** Each answered follow-up: the interviewer's turn and the candidate's answer after it. */
  const exchanges = transcript.flatMap((turn, i) => {
    const reply = transcript[i + 1];
    return turn.turn > 2 && turn.speaker === 'interviewer' && reply?.speaker === 'candidate'
      ? [{ asked: turn, reply }]
      : [];
  });
  switch (item.kind) {
    case 'screen': {
      if (!item.feedback) return [];
      const prompt = catalog.screenPrompts().find((p) => p.id === item.promptId)?.prompt ?? item.promptId;
      const covered = item.feedback.checklist.filter((c) => c.covered).length;
      const e = at(
        `Recruiter screen: “${prompt}”`,
        `${covered} of ${item.feedback.checklist.length} checklist points, ${item.feedback.words} words (${item.feedback.length})`,
        item.feedback.score,
      );
      return [['logic-clarity', e]];
    }
    case 'assessment': {
      if (item.score === null) return [];
      const e = at('Online assessment', `Scored ${item.score}% on the timed labs`, item.score / 100);
      return [
        ['problem-solving-basics', e],
        ['scaling', { ...e, score: e.score * 0.5 }],
      ];
    }
    case 'concept': {
      if (!item.feedback) return [];
      const question = catalog.findQuestion(item.questionId)?.question ?? item.questionId;
      const covered = item.feedback.points.filter((p) => p.status === 'covered');
      const answer = transcript.find((turn) => turn.turn === 2);
      const evidence: [string, Evidence][] = [
        [
          'logic-clarity',
          at(
            `Concept: “${question}”`,
            `${covered.length} of ${item.feedback.points.length} key points`,
            item.feedback.score,
            answer
              ? [
                  cite(
                    answer,
                    covered.flatMap((p) => wordsOf(p.evidence)),
                  ),
                ]
              : [],
          ),
        ],
      ];
      for (const { asked, reply } of exchanges) {
        if (!reply.feedback) continue;
        const shown = reply.feedback.points.filter((p) => p.status !== 'missed').flatMap((p) => wordsOf(p.evidence));
        evidence.push([
          'eagerness-to-learn',
          at(
            `Follow-up (turn ${asked.turn}): “${asked.text}”`,
            reply.feedback.score >= 0.5 ? 'Recovered the missed point' : 'Did not recover the missed point',
            reply.feedback.score,
            [cite(reply, shown)],
          ),
        ]);
      }
      return evidence;
    }
    case 'coding': {
      const title = `Live coding: ${labTitle(item.labSlug)}`;
      const notesWords = item.notes.trim() ? item.notes.trim().split(/\s+/).length : 0;
      const narration = at(
        `${title} — narration`,
        notesWords === 0 ? 'No thinking narrated' : `${notesWords} words of narrated thinking`,
        Math.min(1, notesWords / 80),
      );
      const evidence: [string, Evidence][] = [['collaborative-coding', narration]];
      if (item.score !== null) {
        evidence.push(['problem-solving-basics', at(title, `Tests passed: ${item.score}%`, item.score / 100)]);
      } else if (item.done) {
        evidence.push(['problem-solving-basics', at(title, 'No graded submission', 0)]);
      }
      return evidence;
    }
    case 'star': {
      if (!item.feedback) return [];
      const prompt = catalog.behaviouralPrompts().find((p) => p.id === item.promptId);
      const f = item.feedback;
      const present = f.parts.filter((p) => p.present).map((p) => p.part[0]!.toUpperCase());
      const label = `Behavioural: “${prompt?.prompt ?? item.promptId}”`;
      const evidence: [string, Evidence][] = [
        [
          'ownership',
          at(
            label,
            `STAR parts ${present.join('') || 'none'}; “I” ${f.ownership.i} vs “we” ${f.ownership.we}`,
            (f.score + Math.min(1, f.ownership.ratio / 0.6)) / 2,
          ),
        ],
        [
          'eagerness-to-learn',
          at(label, f.reflection ? 'Named a lesson learned' : 'No lesson or reflection', f.reflection ? 1 : 0.2),
        ],
      ];
      if (prompt && ['mentoring', 'influence', 'conflict'].includes(prompt.competency)) {
        evidence.push([
          'tech-leadership',
          at(label, `${prompt.competency} story scored ${Math.round(f.score * 100)}% on structure`, f.score),
        ]);
      }
      return evidence;
    }
    case 'design': {
      if (!item.feedback) return [];
      const title = catalog.designPrompts().find((p) => p.id === item.promptId)?.title ?? item.promptId;
      const section = (name: string) => item.feedback!.sections.find((s) => s.section === name);
      const share = (name: string) => {
        const s = section(name);
        return s && s.total > 0 ? s.covered / s.total : 0;
      };
      const detail = (name: string) => {
        const s = section(name);
        return `${s?.covered ?? 0} of ${s?.total ?? 0} ${name} points covered`;
      };
      const stretch = item.feedback.points.filter((p) => p.stretch);
      const stretchScore = stretch.length
        ? stretch.filter((p) => p.covered).length / stretch.length
        : share('requirements');
      const text = item.text;
      /** The section as written (turn 2), and the answers to follow-ups that probed it. */
      const turnsOn = (name: DesignSection): Cite[] => [
        ...(text[name].trim() ? [{ turn: 2, quote: excerpt(text[name]) }] : []),
        ...exchanges.filter(({ asked }) => sectionOf(item, asked.probes) === name).map(({ reply }) => cite(reply)),
      ];
      return [
        [
          'trade-off-reasoning',
          at(`Design: ${title}`, detail('trade-offs'), share('trade-offs'), turnsOn('trade-offs')),
        ],
        ['scaling', at(`Design: ${title}`, detail('bottlenecks'), share('bottlenecks'), turnsOn('bottlenecks'))],
        [
          'strategic-thinking',
          at(
            `Design: ${title}`,
            `${detail('requirements')}; diagram with ${item.feedback.diagram.nodes} boxes`,
            (share('requirements') + stretchScore) / 2,
            turnsOn('requirements'),
          ),
        ],
        [
          'problem-solving-basics',
          at(`Design: ${title}`, detail('high-level'), share('high-level'), turnsOn('high-level')),
        ],
      ];
    }
  }
}

const DECISION_BANDS = [
  [3.5, 'strong-hire'],
  [2.75, 'hire'],
  [2, 'lean-no'],
] as const;

/**
 * The scorecard a hiring panel would write: each signal of the levels up to the target, rated from
 * its evidence (averaged with the interviewer's rating when there is one), a decision per level, and
 * the practice that closes the largest gaps.
 */
export function buildScorecard(
  catalog: Catalog,
  levels: LevelId[],
  state: MockState,
  labTitle: (slug: string) => string = (slug) => slug,
  followUps: readonly FollowUpRow[] = [],
): Scorecard {
  const top = LEVEL_IDS.indexOf(targetLevel(levels));
  const collected = new Map<string, Evidence[]>();
  for (const stage of state.stages) {
    for (const item of stage.items) {
      for (const [signal, evidence] of evidenceFor(catalog, labTitle, stage.stage, item, followUps)) {
        collected.set(signal, [...(collected.get(signal) ?? []), evidence]);
      }
    }
  }
  const signals: SignalRating[] = LEVEL_IDS.slice(0, top + 1).flatMap((level) =>
    catalog.getLevel(level).signals.map((signal) => {
      const evidence = collected.get(signal.id) ?? [];
      const fromEvidence = evidence.length
        ? toRating(evidence.reduce((sum, e) => sum + e.score, 0) / evidence.length)
        : null;
      const interviewerRating = state.interviewer.scores[signal.id]?.rating ?? null;
      const both = [fromEvidence, interviewerRating].filter((r): r is number => r !== null);
      return {
        id: signal.id,
        name: signal.name,
        level,
        description: signal.description,
        rating: both.length ? Math.round((both.reduce((a, b) => a + b, 0) / both.length) * 10) / 10 : null,
        interviewerRating,
        evidence,
      };
    }),
  );

  const stages = state.stages.map((stage) => {
    const scores = stage.items.flatMap((item) => itemScore(item, followUps));
    return {
      stage: stage.stage,
      name: catalog.getStage(stage.stage).name,
      score: scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) : null,
    };
  });
  const scored = stages.filter((s) => s.score !== null);
  const overall = scored.length ? Math.round(scored.reduce((sum, s) => sum + s.score!, 0) / scored.length) : 0;

  const recommendations = LEVEL_IDS.slice(0, top + 1).map((level) => {
    const relevant = signals.filter((s) => LEVEL_IDS.indexOf(s.level) <= LEVEL_IDS.indexOf(level));
    const own = signals.filter((s) => s.level === level);
    const observed = relevant.filter((s) => s.rating !== null);
    const average = observed.length ? observed.reduce((sum, s) => sum + s.rating!, 0) / observed.length : 0;
    const unseen = own.filter((s) => s.rating === null).map((s) => s.name);
    let decision = DECISION_BANDS.find(([bar]) => average >= bar)?.[1] ?? ('no' as const);
    // A level cannot be recommended on signals the loop never saw.
    if (unseen.length === own.length && decision !== 'no') decision = 'lean-no';
    const reason =
      `Average ${average.toFixed(1)} of 4 over ${observed.length} observed signals` +
      (unseen.length ? `; not observed: ${unseen.join(', ')}` : '');
    return { level, decision, reason };
  });

  return { overall, stages, signals, recommendations, practice: practiceFor(catalog, levels, state, signals) };
}

/** An item's 0..1 score; a concept answer weighs twice its follow-ups' answers (on average). */
function itemScore(item: MockItem, followUps: readonly FollowUpRow[]): number[] {
  switch (item.kind) {
    case 'screen':
    case 'star':
    case 'design':
      return item.feedback ? [item.feedback.score] : [];
    case 'concept': {
      if (!item.feedback) return [];
      const replies = [
        ...(item.followUp?.feedback ? [item.followUp.feedback.score] : []),
        ...followUps.flatMap((f) =>
          f.itemId === item.id && f.feedback ? [parseStoredJudgement(f.feedback).score] : [],
        ),
      ];
      if (replies.length === 0) return [item.feedback.score];
      return [(item.feedback.score * 2 + replies.reduce((a, b) => a + b, 0) / replies.length) / 3];
    }
    case 'coding':
    case 'assessment':
      return item.score !== null ? [item.score / 100] : [];
  }
}

/** The drills and labs that close the largest gaps: the weakest signals first, one click each. */
function practiceFor(catalog: Catalog, levels: LevelId[], state: MockState, signals: SignalRating[]) {
  const level = targetLevel(levels);
  const practice: Scorecard['practice'] = [];
  const add = (label: string, href: string, why: string) => {
    if (!practice.some((p) => p.href === href)) practice.push({ label, href, why });
  };
  const weakest = signals.filter((s) => s.rating !== null && s.rating < 3).sort((a, b) => a.rating! - b.rating!);
  for (const signal of weakest) {
    switch (signal.id) {
      case 'trade-off-reasoning':
      case 'scaling':
      case 'strategic-thinking':
        add(
          'System design questions',
          `/questions?area=system-design&level=${level}`,
          `${signal.name} was rated ${signal.rating}`,
        );
        break;
      case 'problem-solving-basics':
      case 'collaborative-coding':
        add(`Labs for the ${level} level`, `/labs?level=${level}`, `${signal.name} was rated ${signal.rating}`);
        break;
      case 'ownership':
      case 'tech-leadership':
      case 'eagerness-to-learn':
        add('Behavioural questions', '/questions?area=behavioural', `${signal.name} was rated ${signal.rating}`);
        break;
      default:
        add('Today’s drill', '/drill', `${signal.name} was rated ${signal.rating}`);
    }
  }
  for (const stage of state.stages) {
    for (const item of stage.items) {
      if (item.kind === 'concept' && item.feedback && item.feedback.score < 0.6) {
        const question = catalog.findQuestion(item.questionId);
        if (question)
          add(
            `Revisit: ${question.question}`,
            `/questions/${question.id}`,
            'Key points were missed in the technical round',
          );
      }
    }
  }
  return practice.slice(0, 6);
}
