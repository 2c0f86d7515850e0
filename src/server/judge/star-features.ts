import { STAR_PARTS, type StarPart } from '../../shared/ids.js';
import { its, nlp } from './nlp.js';
import { CUES, HYPOTHETICAL, readCues, VAGUE_ACTION } from './star-cues.js';
import { countWords } from './text.js';

/**
 * What the STAR part model reads of each sentence of a story: the cues of `star-cues.ts` (each
 * one's hit, and each part's summed score), the grammar of the sentence as wink-nlp tags it (who
 * acts — "I", "we", someone else — and in which tense or mood), and where it sits: its position,
 * whether any sentence before it acts or any after it does, and its neighbours' cue scores.
 */

/** One sentence (or first-person clause) of a story, lower-cased. */
export interface StarPieceText {
  lower: string;
}

const CUE_NAMES = STAR_PARTS.flatMap((part) => CUES[part].map((_, i) => `cue.${part}.${i}`));

export const STAR_FEATURES = [
  ...STAR_PARTS.map((part) => `score.${part}`),
  ...CUE_NAMES,
  'actsEd',
  'opensWithI',
  'quantity',
  'hypothetical',
  'vague',
  'subjectI',
  'subjectWe',
  'subjectOther',
  'firstVerb',
  'i',
  'we',
  'my',
  'past',
  'present',
  'modal',
  'pastPerfect',
  'gerundOpening',
  'obligation',
  'consequence',
  'taskLeads',
  ...STAR_PARTS.map((part) => `cuePart.${part}`),
  'words',
  'position',
  'first',
  'last',
  'beforeAnyAction',
  'afterLastAction',
  ...STAR_PARTS.map((part) => `previous.${part}`),
  ...STAR_PARTS.map((part) => `next.${part}`),
] as const;

/** Something that had to be done, said anywhere in the sentence: "…, so I had to keep it running". */
const OBLIGATION =
  /\b(?:(?:had|needed|have|has|got) to|(?:needed|wanted) (?:[\w-]+ ){1,3}to|fell to me|(?:on|up to) me|my (?:job|task|call|problem))\b/;
/** A consequence that falls to the candidate: "I was on call, so I had to…". */
const CONSEQUENCE = /\bso (?:i|we) (?:had|needed|was the one|were the ones|was responsible)\b/;

/** How strong an action cue must be for the sentence to count as acting, for the order features. */
const ACTS = 2.5;

const MODALS = new Set(['would', 'will', 'should', 'could', 'might', "'d", "'ll", 'can', 'may', 'must']);
const PRESENT_AUX = new Set(['is', 'are', 'am', "'s", "'re", "'m", 'has', 'have', "'ve", 'do', 'does']);
const OTHER_SUBJECTS = new Set(['he', 'she', 'they', 'it', 'this', 'that', 'the', 'our', 'their', 'his', 'her']);

interface Grammar {
  subjectI: number;
  subjectWe: number;
  subjectOther: number;
  firstVerb: number;
  i: number;
  we: number;
  my: number;
  past: number;
  present: number;
  modal: number;
  pastPerfect: number;
  gerundOpening: number;
}

/** Who the sentence's opening subject is, its tenses and mood, from wink's tags and lemmas. */
function grammarOf(lower: string): Grammar {
  const tokens = nlp.readDoc(lower).tokens();
  const values = tokens.out(its.value) as string[];
  const pos = tokens.out(its.pos) as string[];
  // wink's typings declare `its.lemma` with an add-on argument that `out` supplies itself.
  const lemmas = tokens.out(its.lemma as unknown as typeof its.value) as string[];
  const words = values.map((value, i) => ({ value, pos: pos[i]!, lemma: lemmas[i]! })).filter((w) => w.pos !== 'PUNCT');
  const first = words.findIndex((w) => w.pos === 'PRON' || w.pos === 'NOUN' || w.pos === 'PROPN' || w.pos === 'DET');
  const subject = first >= 0 && first < 4 ? words[first]!.value : '';
  let past = 0;
  let present = 0;
  let modal = 0;
  let pastPerfect = 0;
  words.forEach((w, i) => {
    if (w.pos !== 'VERB' && w.pos !== 'AUX') return;
    if (MODALS.has(w.value)) modal++;
    else if (PRESENT_AUX.has(w.value) || (w.pos === 'VERB' && w.value === w.lemma && words[i - 1]?.value !== 'to'))
      present++;
    else if (w.value !== w.lemma && !w.value.endsWith('ing') && !/[^s]s$/.test(w.value)) past++;
    if (w.value === 'had' && words.slice(i + 1, i + 3).some((n) => n.pos === 'VERB' && n.value !== n.lemma))
      pastPerfect++;
  });
  const count = (set: readonly string[]) => words.filter((w) => set.includes(w.value)).length;
  return {
    subjectI: Number(subject === 'i'),
    subjectWe: Number(subject === 'we'),
    subjectOther: Number(subject !== '' && subject !== 'i' && subject !== 'we' && OTHER_SUBJECTS.has(subject)),
    firstVerb: Number(words[0]?.pos === 'VERB'),
    i: Math.min(count(['i', 'me']), 3),
    we: Math.min(count(['we', 'us']), 3),
    my: Math.min(count(['my', 'mine']), 2),
    past: Math.min(past, 4),
    present: Math.min(present, 4),
    modal: Math.min(modal, 3),
    pastPerfect: Math.min(pastPerfect, 2),
    gerundOpening: Number(words[0]?.value.endsWith('ing') === true && words[0].pos === 'VERB'),
  };
}

/**
 * The part the cues alone give a sentence: its best-scoring part, a sentence with no cue setting
 * the scene, and a clear task outweighing the scene around it ("I was on call and needed to
 * restore payments").
 */
function cuePart(scores: Record<StarPart, number>): StarPart {
  const situation =
    scores.task >= 3 && scores.task + 1 >= scores.situation
      ? Math.min(scores.situation, scores.task - 0.5)
      : scores.situation;
  let best: StarPart = 'situation';
  let bestScore = Math.max(situation, 0.25);
  for (const part of STAR_PARTS) {
    if (part !== 'situation' && scores[part] > bestScore) {
      best = part;
      bestScore = scores[part];
    }
  }
  return best;
}

/**
 * How sure a sentence's own cues must be to hold against the order of the story: a "result" told
 * before anything was done is the scene ("each rerun delayed 40,000 statements") unless it says it
 * is an outcome ("in the end…"); a "scene" told after the last action is what followed from it
 * ("since the change it has failed twice"), unless it clearly sets a scene.
 */
const ORDER_OVERRIDE = { result: 2.5, situation: 3 } as const;

/** The parts the cues give a story's sentences, read in the story's order (see {@link ORDER_OVERRIDE}). */
function cueParts(scores: readonly Record<StarPart, number>[]): StarPart[] {
  const parts = scores.map(cuePart);
  const firstStep = parts.findIndex((part) => part === 'action' || part === 'task');
  if (firstStep < 0) return parts;
  const lastAction = parts.lastIndexOf('action');
  return parts.map((part, i) => {
    if (i < firstStep && part === 'result' && scores[i]!.result < ORDER_OVERRIDE.result) return 'situation';
    if (lastAction >= 0 && i > lastAction && part === 'situation' && scores[i]!.situation < ORDER_OVERRIDE.situation)
      return 'result';
    return part;
  });
}

/** The feature rows of a story's pieces, in {@link STAR_FEATURES} order. */
export function starFeatureRows(pieces: readonly StarPieceText[]): number[][] {
  const cues = pieces.map((p) => readCues(p.lower));
  const scores = cues.map((c) => c.scores);
  const acting = scores.map((s) => s.action >= ACTS);
  const firstAction = acting.indexOf(true);
  const lastAction = acting.lastIndexOf(true);
  const byCues = cueParts(scores);
  const n = pieces.length;
  const zero: Record<StarPart, number> = { situation: 0, task: 0, action: 0, result: 0 };
  return pieces.map(({ lower }, i) => {
    const grammar = grammarOf(lower);
    const previous = scores[i - 1] ?? zero;
    const next = scores[i + 1] ?? zero;
    return [
      ...STAR_PARTS.map((part) => scores[i]![part]),
      ...STAR_PARTS.flatMap((part) => cues[i]!.hits[part].map(Number)),
      Number(cues[i]!.actsEd),
      Number(cues[i]!.opensWithI),
      Math.min(cues[i]!.quantities, 3),
      Number(HYPOTHETICAL.test(lower)),
      Number(VAGUE_ACTION.test(lower)),
      grammar.subjectI,
      grammar.subjectWe,
      grammar.subjectOther,
      grammar.firstVerb,
      grammar.i,
      grammar.we,
      grammar.my,
      grammar.past,
      grammar.present,
      grammar.modal,
      grammar.pastPerfect,
      grammar.gerundOpening,
      Number(OBLIGATION.test(lower)),
      Number(CONSEQUENCE.test(lower)),
      Number(scores[i]!.task >= scores[i]!.situation && scores[i]!.task > 0),
      ...STAR_PARTS.map((part) => Number(byCues[i] === part)),
      Math.log1p(countWords(lower)),
      n > 1 ? i / (n - 1) : 0,
      Number(i === 0),
      Number(i === n - 1),
      Number(firstAction < 0 || i < firstAction),
      Number(lastAction >= 0 && i > lastAction),
      ...STAR_PARTS.map((part) => previous[part]),
      ...STAR_PARTS.map((part) => next[part]),
    ];
  });
}
