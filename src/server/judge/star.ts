import type { BehaviouralPrompt } from '../../shared/mock-content.js';
import { type LevelId, STAR_PARTS, type StarPart } from '../../shared/ids.js';
import type { StarFeedback } from '../../shared/mock-feedback.js';
import { softmaxScores, type SoftmaxModel } from './fit.js';
import { analyse } from './language.js';
import { HYPOTHETICAL, partScores, VAGUE_ACTION } from './star-cues.js';
import { GENERIC_ACTION, GENERIC_FRAME, MIN_PART_SUBSTANCE, substanceOf, toldInPresent } from './star-framing.js';
import { starFeatureRows, type StarPieceText } from './star-features.js';
import { STAR_MODEL } from './star-model.js';
import { countWords, excerptOf, normalise, percent, quantitiesIn, round2 } from './text.js';

/**
 * Judges a behavioural answer told as a STAR story: which sentence is Situation, Task, Action or
 * Result, decided sentence by sentence from what it says (a result is a result wherever it sits);
 * whether the actions are a real past event or what the candidate *would* do; whether they are
 * concrete or "I sorted it out"; and what interviewers listen for: action dominating, a number in
 * the result, "I" rather than "we", a lesson.
 */

const LABEL_WORD = '(?:situation|task|actions?|results?|outcome)';
const PART_OF_LABEL: Record<string, StarPart> = {
  situation: 'situation',
  s: 'situation',
  task: 'task',
  t: 'task',
  action: 'action',
  actions: 'action',
  a: 'action',
  result: 'result',
  results: 'result',
  outcome: 'result',
  r: 'result',
};
const WORD_LABEL = new RegExp(
  String.raw`^\s*(?:[-*+•>]\s+|#{1,6}\s*)?[*_]{0,2}\s*(${LABEL_WORD}(?:\s*(?:\/|&|\+|,|and)\s*${LABEL_WORD})*)\s*[*_]{0,2}(?:\s*[:.)]|\s+[-–—](?=\s)|\s*$)[*_]{0,2}\s*`,
  'i',
);
const LETTER_LABEL = /^\s*(?:[-*+•>]\s+)?[*_]{0,2}([star])[*_]{0,2}\s*:[*_]{0,2}\s*/i;

/** A STAR label opening a sentence — "Situation:", "**Task.**", "S:", "Action –" — and the text after it. */
function parseStarLabel(text: string): { parts: StarPart[]; rest: string } | null {
  const match = WORD_LABEL.exec(text) ?? LETTER_LABEL.exec(text);
  if (!match?.[1]) return null;
  const names = match[1].toLowerCase().split(/\s*(?:\/|&|\+|,|\band\b)\s*/);
  const parts = [...new Set(names.map((name) => PART_OF_LABEL[name]).filter((part) => part !== undefined))];
  return parts.length > 0 ? { parts, rest: text.slice(match[0].length) } : null;
}

const FIRST_PERSON = /\b(?:i'm|i've|i'd|i'll|i|me|my|mine|myself)\b(?!\/o)/gi;
const FIRST_PERSON_PLURAL = /\b(?:we're|we've|we'd|we'll|we|our|ours|ourselves|us)\b/gi;
const REFLECTION =
  /\b(?:i (?:have )?learn(?:ed|t)|lessons?(?: learned)?|next time|since then|in hindsight|looking back|(?:would|i'd) do (?:it |things |that )?differently|taught me|i now always|i realised|i realized)\b/i;

/** Action share inside this range counts as balanced (with set-up at most {@link MAX_SETUP_SHARE}). */
const ACTION_SHARE = { min: 0.35, max: 0.75 } as const;
/** Situation and task together should take at most this share of the words. */
const MAX_SETUP_SHARE = 0.4;

/**
 * Where one sentence tells two parts: a new clause with "I" or "my task" as its subject after a
 * comma or semicolon ("I was a backend engineer there, and I wanted every service to…").
 */
const NEW_FIRST_PERSON_CLAUSE =
  /(?<=[,;])\s+(?=(?:and |so |but |then )?(?:i (?!mean\b)|my (?:task|goal|job|role|aim|responsibility|brief)\b))/i;

/** An opening like "Once writes recovered," or "As the on-call engineer," belongs to the clause after it. */
const LEADING_SUBORDINATE =
  /^(?:as|once|when|after|before|while|since|because|if|although|though|to|by|during|with|within|having|rather than|instead of|unlike|besides)\b[^,]*,\s*$/i;

/**
 * The parts of one sentence: split where a new first-person clause starts, keeping an opening
 * subordinate ("Once writes recovered,") or a clause with no cue of its own ("Their objection was
 * speed,") with the clause after it.
 */
function piecesOf(sentence: string): string[] {
  const pieces: string[] = [];
  for (const piece of sentence.split(NEW_FIRST_PERSON_CLAUSE)) {
    const previous = pieces.at(-1);
    const bare = previous !== undefined && Math.max(...Object.values(partScores(previous.toLowerCase()))) <= 0.5;
    if (previous !== undefined && (LEADING_SUBORDINATE.test(previous) || bare))
      pieces[pieces.length - 1] = `${previous} ${piece}`;
    else pieces.push(piece);
  }
  return pieces;
}

export interface StarSentence {
  text: string;
  part: StarPart;
  hypothetical: boolean;
  vague: boolean;
}

/** One sentence, or first-person clause, of a story, and the parts its label allows (all when unlabelled). */
interface StarPiece extends StarPieceText {
  text: string;
  allowed: readonly StarPart[];
}

/** Splits an answer into the pieces that each tell one part, reading any STAR labels. */
export function starPieces(answer: string): StarPiece[] {
  const text = normalise(answer);
  const pieces: StarPiece[] = [];
  let label: StarPart[] | null = null;
  for (const sentence of analyse(text).sentences) {
    for (const line of text.slice(sentence.start, sentence.end).split(/\n+/)) {
      const parsed = parseStarLabel(line);
      if (parsed) label = parsed.parts;
      for (const clause of piecesOf(parsed ? parsed.rest : line)) {
        const rest = clause.trim();
        if (countWords(rest) > 0) pieces.push({ text: rest, lower: rest.toLowerCase(), allowed: label ?? STAR_PARTS });
      }
    }
  }
  return pieces;
}

/**
 * Splits an answer into sentences and gives each its STAR part: the part model's most likely one
 * among those the sentence's label allows (any, in a story without labels).
 */
export function readStarSentences(answer: string, model: SoftmaxModel = STAR_MODEL): StarSentence[] {
  const pieces = starPieces(answer);
  const rows = starFeatureRows(pieces);
  return pieces.map((piece, i) => {
    const scores = softmaxScores(model, rows[i]!);
    const part = piece.allowed.reduce((best, p) =>
      scores[STAR_PARTS.indexOf(p)]! > scores[STAR_PARTS.indexOf(best)]! ? p : best,
    );
    return {
      text: piece.text,
      part,
      hypothetical: part === 'action' && HYPOTHETICAL.test(piece.lower),
      // An action that names no thing or step ("I made some changes and followed up") is as vague as "I sorted it out".
      vague: part === 'action' && (VAGUE_ACTION.test(piece.lower) || substanceOf(piece.text) === 0),
    };
  });
}

/** The cap on the score when this share of the actions is vague. */
const VAGUE_CAP = { floor: 0.6, perShare: 0.8 } as const;

/**
 * The highest score a story can get when `share` of its actions are vague: one vague step among
 * many costs little, and half or more caps the story at {@link VAGUE_CAP}.floor, whatever concrete
 * steps are told beside them — one named step does not make "I dealt with it. I fixed it." concrete.
 */
function vagueActionCap(share: number): number {
  return Math.max(VAGUE_CAP.floor, 1 - VAGUE_CAP.perShare * share);
}

/**
 * Feedback on a STAR answer. The score gives 0.1 for each part present, and 0.15 each for balance,
 * a measurable result, ownership ("I" at least half of the first-person pronouns) and reflection;
 * a hypothetical answer ("I would…") scores at most half, since it tells no real event.
 */
export function judgeStar(prompt: BehaviouralPrompt, level: LevelId, answer: string): StarFeedback {
  const sentences = readStarSentences(answer);
  const textOf = (part: StarPart) =>
    sentences
      .filter((s) => s.part === part)
      .map((s) => s.text)
      .join(' ');
  const partText = Object.fromEntries(STAR_PARTS.map((part) => [part, textOf(part)])) as Record<StarPart, string>;
  const partWords = Object.fromEntries(STAR_PARTS.map((part) => [part, countWords(partText[part])])) as Record<
    StarPart,
    number
  >;
  const words = STAR_PARTS.reduce((sum, part) => sum + partWords[part], 0);
  const share = (part: StarPart) => (words > 0 ? partWords[part] / words : 0);
  // A placeholder ("Task: fix.", "Action: did things.") is not a part: a part needs substance.
  const present = (part: StarPart) => partWords[part] > 0 && substanceOf(partText[part]) >= MIN_PART_SUBSTANCE;

  const actions = sentences.filter((s) => s.part === 'action');
  // Steps told as a habit or to a generic "you" ("you page the on-call") count as hypothetical ones; a
  // scene may say "you" ("if you know the bank…") and stays out.
  const generic = (s: StarSentence) =>
    (s.part === 'action' || s.part === 'task') && GENERIC_ACTION.test(s.text.toLowerCase());
  const told = sentences.filter((s) => s.part === 'action' || generic(s));
  const hypothetical =
    (told.length > 0 && told.filter((s) => s.hypothetical || generic(s)).length * 2 >= told.length) ||
    sentences.some((s) => s.part !== 'result' && GENERIC_FRAME.test(s.text.toLowerCase())) ||
    toldInPresent(sentences.map((s) => s.text.toLowerCase()));
  const vagueActions = actions.filter((s) => s.vague).map((s) => excerptOf(s.text, 80));
  const vagueShare = actions.length > 0 ? vagueActions.length / actions.length : 0;

  const actionShare = share('action');
  const setupShare = share('situation') + share('task');
  const balanced = actionShare >= ACTION_SHARE.min && actionShare <= ACTION_SHARE.max && setupShare <= MAX_SETUP_SHARE;
  const resultNumbers = quantitiesIn(partText.result);
  const measurableResult = present('result') && resultNumbers.length > 0;
  const all = sentences.map((s) => s.text).join(' ');
  const iCount = all.match(FIRST_PERSON)?.length ?? 0;
  const weCount = (all.match(FIRST_PERSON_PLURAL) ?? []).filter((word) => word !== 'US').length;
  const ratio = iCount + weCount > 0 ? iCount / (iCount + weCount) : 0;
  const reflection = REFLECTION.test(all);

  let score =
    0.1 * STAR_PARTS.filter(present).length +
    0.15 * (Number(balanced) + Number(measurableResult) + Number(ratio >= 0.5) + Number(reflection));
  if (hypothetical) score = Math.min(score, 0.5);
  if (vagueActions.length > 0) score = Math.min(score, vagueActionCap(vagueShare));

  const tips: string[] = [];
  if (hypothetical)
    tips.push(
      'Tell a real event: you described what you would do. Interviewers score what you did, so pick a time it happened.',
    );
  if (vagueActions.length > 0 && vagueShare >= 0.5)
    tips.push(
      `Say what you actually did: "${vagueActions[0]}" tells the interviewer nothing they can score. Name the steps, tools and decisions.`,
    );
  if (!present('situation'))
    tips.push('Open with the situation in a sentence or two: where you were, the team, and what was at stake.');
  if (!present('task'))
    tips.push('Say what your task was — what you were asked to do or chose to own — before what you did.');
  if (!present('action'))
    tips.push('Describe what you did, step by step and in the first person: that is what the interviewer scores.');
  if (!present('result'))
    tips.push('End with the result: what changed because of your work, ideally with a number, and what you learned.');
  if (present('situation') && setupShare > MAX_SETUP_SHARE)
    tips.push(
      `Shorten the set-up: the situation and task take ${percent(setupShare)} of your answer, and two or three sentences are enough.`,
    );
  if (present('action') && actionShare < ACTION_SHARE.min)
    tips.push(
      `Say more about what you did: the action is only ${percent(actionShare)} of your answer, and it should be about half.`,
    );
  if (present('action') && actionShare > ACTION_SHARE.max && words > 0)
    tips.push(
      `Trim the action to leave room for the situation and the result: it takes ${percent(actionShare)} of your answer.`,
    );
  if (present('result') && !measurableResult)
    tips.push('Put a number on the result — time saved, errors avoided, latency or cost before and after.');
  if (weCount > iCount)
    tips.push(
      `Say "I" for what you did: you said "we" ${weCount} times and "I" ${iCount}, so your own part is hard to hear.`,
    );
  if (present('result') && !reflection)
    tips.push('Close with what you learned or what you would do differently next time.');

  return {
    parts: STAR_PARTS.map((part) => ({
      part,
      present: present(part),
      words: partWords[part],
      share: round2(share(part)),
      excerpt: present(part) ? excerptOf(partText[part]) : null,
    })),
    words,
    actionShare: round2(actionShare),
    balanced,
    measurableResult,
    resultNumbers,
    ownership: { i: iCount, we: weCount, ratio: round2(ratio) },
    reflection,
    hypothetical,
    vagueActions,
    score: round2(score),
    tips,
    levelExpectation: prompt.strongAnswer[level],
  };
}
