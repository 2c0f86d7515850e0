import { DESIGN_SECTIONS, type DesignSection } from '../../shared/mock-content.js';
import { AiOutcome } from '../../shared/ai.js';
import { parseStoredJudgement } from '../../shared/judgement.js';
import type { DesignText, MockItem, TranscriptTurn } from '../../shared/mocks.js';
import type { Catalog } from '../curriculum/service.js';
import type { FollowUpRow } from './queries.js';

/**
 * The conversation of a concept question or a system design, numbered the way the scorecard cites
 * it: the interviewer's question (turn 1), the candidate's answer (turn 2), then each follow-up and
 * its answer. Built from the stored state and the AI interviewer's follow-ups, never from a model.
 */

const SECTION_NAMES: Record<DesignSection, string> = {
  requirements: 'Requirements',
  'high-level': 'High-level design',
  bottlenecks: 'Bottlenecks',
  'trade-offs': 'Trade-offs',
};

/** A written design as one answer: its non-empty sections, each under its name. */
export function designAnswer(text: DesignText): string {
  return DESIGN_SECTIONS.filter((section) => text[section].trim())
    .map((section) => `${SECTION_NAMES[section]}:\n${text[section].trim()}`)
    .join('\n\n');
}

const turn = (fields: Partial<TranscriptTurn> & Pick<TranscriptTurn, 'turn' | 'speaker' | 'text'>): TranscriptTurn => ({
  source: null,
  probes: null,
  quote: null,
  note: null,
  feedback: null,
  ai: null,
  ...fields,
});

/** The item's turns; empty before its first answer and for items that are not a conversation. */
export function transcriptOf(catalog: Catalog, item: MockItem, followUps: readonly FollowUpRow[]): TranscriptTurn[] {
  let opening: TranscriptTurn[];
  if (item.kind === 'concept' && item.feedback) {
    const question = catalog.findQuestion(item.questionId)?.question ?? item.questionId;
    opening = [
      turn({ turn: 1, speaker: 'interviewer', text: question, source: 'question' }),
      turn({ turn: 2, speaker: 'candidate', text: item.answer }),
    ];
    if (item.followUp) {
      opening.push(
        turn({
          turn: 3,
          speaker: 'interviewer',
          text: item.followUp.question,
          source: 'rubric',
          probes: item.followUp.probes,
        }),
      );
      if (item.followUp.feedback) {
        opening.push(
          turn({ turn: 4, speaker: 'candidate', text: item.followUp.answer, feedback: item.followUp.feedback }),
        );
      }
    }
  } else if (item.kind === 'design' && item.feedback) {
    const prompt = catalog.designPrompts().find((p) => p.id === item.promptId)?.prompt ?? item.promptId;
    opening = [
      turn({ turn: 1, speaker: 'interviewer', text: prompt, source: 'question' }),
      turn({ turn: 2, speaker: 'candidate', text: designAnswer(item.text) }),
    ];
  } else {
    return [];
  }
  const turns = [...opening];
  for (const row of followUps.filter((f) => f.itemId === item.id)) {
    turns.push(
      turn({
        turn: turns.length + 1,
        speaker: 'interviewer',
        text: row.question,
        source: row.source === 'ai' ? 'ai' : 'rubric',
        probes: row.probes,
        quote:
          row.quote !== null && row.quoteTurn !== null
            ? { turn: row.quoteTurn, text: row.quote, evidence: { start: row.quoteStart ?? 0, end: row.quoteEnd ?? 0 } }
            : null,
        note: row.note,
      }),
    );
    if (row.answeredAt) {
      turns.push(
        turn({
          turn: turns.length + 1,
          speaker: 'candidate',
          text: row.answer,
          feedback: row.feedback ? parseStoredJudgement(row.feedback) : null,
          ai: AiOutcome.safeParse(row.ai).data ?? null,
        }),
      );
    }
  }
  return turns;
}

/** The first words of a text, on one line, cut at a word: what a citation shows of a long turn. */
export function excerpt(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}
