import type { LevelId } from '../../shared/ids.js';
import type { BehaviouralPrompt } from '../../shared/mock-content.js';
import { STAR_PARTS, type StarFeedback, type StarPart } from '../../shared/mocks.js';
import { analyse } from './language.js';
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
export function parseStarLabel(text: string): { parts: StarPart[]; rest: string } | null {
  const match = WORD_LABEL.exec(text) ?? LETTER_LABEL.exec(text);
  if (!match?.[1]) return null;
  const names = match[1].toLowerCase().split(/\s*(?:\/|&|\+|,|\band\b)\s*/);
  const parts = [...new Set(names.map((name) => PART_OF_LABEL[name]).filter((part) => part !== undefined))];
  return parts.length > 0 ? { parts, rest: text.slice(match[0].length) } : null;
}

interface Cue {
  pattern: RegExp;
  weight: number;
}

/** Past tenses in "I …" that act; the sentence's own subject makes it the candidate's action. */
const ACTION_VERBS =
  'decided|wrote|built|set up|setup|proposed|implemented|added|created|designed|introduced|rewrote|refactored|migrated|automated|organi[sz]ed|scheduled|met|talked|spoke|asked|paired|reviewed|investigated|profiled|measured|analy[sz]ed|traced|found|fixed|changed|moved|split|replaced|ran|re-ran|led|drove|convinced|suggested|documented|shipped|rolled (?:out|back)|deployed|tested|prototyped|benchmarked|reached out|called|escalated|negotiated|explained|presented|shared|put|gathered|broke|booked|pulled|dug|gave|made|took|sat down|brought|switched|kept|checked|compared|opened|posted|walked|started|began|confirmed|stopped|pointed|cancell?ed|lowered|raised|wrapped|turned|cut|showed|mapped|listed|offered|agreed|insisted|pushed|pitched|invited|ran|held|hosted|blocked|restored|reverted|disabled|enabled|throttled|paused|spun up|scaled|bumped|rewired|reproduced|isolated|patched|wired|tracked|logged|alerted|flagged|sent|emailed|messaged|interviewed|surveyed|collected|drafted|outlined|sketched|whiteboarded|modelled|modeled|estimated|calculated|read|studied|learned how|taught|coached|mentored|delegated|assigned|split up|broke down|sliced|cut scope|trimmed|dropped|removed|deleted|archived|consolidated|merged|unified|standardi[sz]ed|templated|codified|encoded|cached|indexed|partitioned|sharded|queued|batched|retried|timed out|rate-limited|load-tested|shadowed|canaried|flagged|toggled|rebuilt|reworked|redesigned|replanned|re-planned|reprioriti[sz]ed|prioriti[sz]ed|negotiated|volunteered to lead|stepped in|took over|apologi[sz]ed|admitted';
export const HYPOTHETICAL =
  /\b(?:i would|i'd(?! (?:been|had|seen|joined|done|worked|already|never|just|only|written|built|spent|made|taken|got|gotten|used|known|left|started|moved|heard|learned|shipped)\b)|i will|i'll|if i (?:were|was|had|ever)|i (?:always|usually|normally|typically|generally|tend to))\b/;
export const VAGUE_ACTION =
  /\b(?:(?:dealt|deal) with (?:it|the (?:problem|issue|situation)|things|that)|handled (?:it|the (?:problem|issue|situation|politics)|things|that|everything)|sorted (?:it|things|that|everything) out|sorted out (?:the )?(?:problem|issue|things)|took care of (?:it|things|that|the (?:problem|issue))|looked into (?:it|things|the (?:problem|issue))|worked on (?:it|the (?:problem|issue))|fixed (?:it|things|the (?:problem|issue))(?! by)|made sure (?:it|this|that) (?:wouldn't|won't|didn't|would not|doesn't|never)|got (?:it|things) (?:done|sorted|working)|did what (?:was|needed)|did (?:my|our) best|resolved (?:it|the (?:problem|issue)))\b/;

export const CUES: Record<StarPart, Cue[]> = {
  situation: [
    {
      pattern:
        /\b(?:i (?:was|worked|joined|had just joined|had been) (?:a|an|the|as|at|on|in|one of|part of|working)|this was (?:at|when|in|back)|when i was (?:a|an|the|at|on|in|working)|at my (?:last|previous|current|old|first|former) (?:job|company|role|team|employer|position|workplace)|at (?:a|an) [\w-]+(?: [\w-]+){0,3} (?:company|startup|agency|bank|retailer|firm|platform|operator|exchange|insurer|provider|marketplace|business|scale-?up|consultancy))\b(?! (?:asked|tasked|responsible|given|supposed|assigned|expected|in charge))/,
      weight: 3,
    },
    {
      pattern:
        /\b(?:context|background|back then|at the time|(?:a few|two|three|several) (?:years|months) ago|last (?:year|spring|summer|autumn|fall|winter))\b/,
      weight: 1.5,
    },
    {
      pattern:
        /\b(?:there (?:was|were|had been)|we had|we were|our (?:team|company|system|service|product|platform|app|application|codebase|api|customers|users|stack|database|pipeline|manager|ci|architecture|monolith|clients?)|the (?:team|company|system|service|platform|codebase|product) (?:was|had|used|ran|relied|called|kept|did))\b/,
      weight: 1.5,
    },
    {
      // What went wrong is the situation, even when it has numbers in it.
      pattern:
        /\b(?:failed|failing|never (?:reached|arrived|made it)|(?:were|was|got) lost|went missing|jumped|spiked|climbed|crept up|shot up|started (?:failing|timing out|rejecting|lagging|throwing|erroring|dropping|returning|crashing)|stopped being|fell over|was down|were down|went down hard|were failing|was failing|broke|crashed|outage|paged|alerts? (?:fired|went off)|complained|was slow|were slow|timing out|timed out|degraded|was hurting|were hurting|struggling|kept (?:breaking|failing|getting)|piled up|backed up|was stuck|were stuck|sat in)\b/,
      weight: 2,
    },
    {
      pattern: /\b(?:it|this|that|the feature|the change) would (?:send|need|take|require|involve|cost|touch|affect)\b/,
      weight: 1,
    },
    {
      // Backstory told before the story proper ("I'd approved switching…", "I once pushed a change…"),
      // and the scene of a hypothetical answer ("Imagine…", "Let's say…").
      pattern:
        /\b(?:i'd (?:approved|signed|written|built|pushed|merged|shipped|joined|been|taken|changed|made|promised|told)|i had (?:approved|written|built|pushed|promised|told)|i once)\b|^(?:imagine|let's say|say (?:i|we|a|the|that)|suppose)\b/,
      weight: 2.5,
    },
    { pattern: /\b(?:was|were|had|used to|kept)\b/, weight: 0.5 },
  ],
  task: [
    {
      pattern:
        /\b(?:(?:my|our) (?:task|job|role|goal|responsibility|assignment|mission|brief|remit|objective|challenge|mandate)(?: [\w-]+){0,3} (?:was|is|became|would be)|accountable for|gave me the (?:goal|task|job|brief|mandate)|on the hook for|my name on|i (?:got|was) (?:handed|assigned|given)|landed on (?:me|my desk)|(?:was|were) mine to|we were (?:asked|tasked|given|told|expected)|i was (?:asked|tasked|given|assigned|supposed|expected|responsible|made responsible|put in charge|the one (?:who|responsible)|on the hook)|(?:asked|wanted|told|needed|expected|hired) me to|it was (?:on me|my job|my call|my responsibility|up to me)|(?:the|our|my) (?:goal|aim|objective|challenge|mandate|target) was|in charge of|responsible for|i owned|i volunteered to|i took (?:on|ownership)|took it (?:on|upon) myself|my part was)\b/,
      weight: 5,
    },
    { pattern: /\bso (?:i|we) (?:had|needed) to\b/, weight: 2 },
    {
      pattern:
        /\b(?:(?:it )?fell to me|the (?:call|decision|choice|ask|request|brief) was|i had to (?:decide|choose|convince|figure|get|make|find|work out|pick|persuade|deliver|ship|hit)|i needed to (?:decide|choose|convince|figure|persuade|deliver|ship|get)|i was given|i (?:picked|took) (?:it|this|that) (?:up|on)|nobody (?:owned|was responsible)|no one (?:owned|was responsible))\b/,
      weight: 3,
    },
    { pattern: /\b(?:was|were|is|became) (?:mine|my (?:call|problem|job))\b/, weight: 5 },
    {
      // Ownership said in passing: "it was my migration", "it was on me", "this is yours", "I took it on".
      pattern:
        /\b(?:(?:was|is|were|'s) (?:(?:kind of |also |all |partly )?on me|(?:also |all )?mine|(?:also )?my (?:responsibility|job|call|problem|feature|service|project|migration|change|estimate|code|system|bug|fault|mistake|pager))|(?:it's|it is) (?:yours|my responsibility|my job)|this is yours|gave (?:it|this) to me|part of my goals|(?:i|so i) (?:put my hand up|volunteered|stepped up|took (?:it|this|that) on|picked (?:it|this|that) up)|decided i'd (?:take|own|pick|fix|get)|my (?:estimate|project|feature|service|change|migration|code|system)[,.])/,
      weight: 5,
    },
    {
      // Obligations and deadlines: "X was due in six weeks", "I needed eight teams to…", "brought in to…".
      pattern:
        /\b(?:(?:was|were|is) due|due in|had to be (?:done|shipped|live|ready)|deadline was|date was fixed|i needed (?:[\w-]+ ){1,3}to|assigned to|brought in (?:[\w-]+ ){0,4}to|hired (?:[\w-]+ ){0,3}to|if (?:i didn't|nobody|no one) (?:pick|fix|do|own|take)|nobody would|my (?:aim|priority|focus)(?: [\w-]+){0,3} (?:was|is|would be))\b/,
      weight: 3,
    },
    {
      pattern: /\b(?:gave|give|given) (?:me|us) (?:[\w-]+ ){0,2}(?:days|weeks|hours|a week|a month|until|till)\b/,
      weight: 3,
    },
    {
      pattern:
        /\b(?:i was the one (?:she|he|they|who)|(?:my manager|my lead|the team|she|he|they) wanted (?:him|her|them|me|us)|needed to (?:restore|fix|get|ship|deliver|make|find|stop|bring|keep|move|cut|decide|choose)|i had (?:[\w-]+ ){1,2}(?:days|weeks|hours|months) to|someone (?:has|had) to|decided (?:i'd |to |we'd |we would |i would )?(?:take|own|pick up|look into)|landed on (?:me|my desk|my plate)|we needed (?:one|a|an|to))\b/,
      weight: 3,
    },
    {
      pattern:
        /\b(?:i (?:needed|had|wanted|was determined|set out|intended)(?: (?:either|first|somehow|really|urgently|quickly))? to|we (?:needed|had) to|i wanted (?:all|the|our|them|her|him|everyone|every|to)|i was (?:leading|the lead|running|driving|owning))\b/,
      weight: 2.5,
    },
    { pattern: /\b(?:goal|objective|deadline|requirement|had to|needed to|must|so that)\b/, weight: 0.5 },
  ],
  action: [
    {
      pattern: new RegExp(
        String.raw`\bi (?:also |then |first |quickly |finally |personally |immediately |instead |just |only |actually |eventually )?(?:${ACTION_VERBS})\b`,
      ),
      weight: 2.5,
    },
    {
      pattern:
        /(?:^|[,;:]\s*|\b(?:and|so)\s+)(?:first(?:ly)?|then|next|after that)\b|\b(?:so i|to do that|to fix (?:this|it|that)|i made sure|step by step|instead of|i made a point|i spent)\b/,
      weight: 1,
    },
    {
      pattern: new RegExp(String.raw`\bwe (?:also |then |first |quickly |finally |immediately )?(?:${ACTION_VERBS})\b`),
      weight: 2,
    },
    { pattern: HYPOTHETICAL, weight: 2 },
    { pattern: VAGUE_ACTION, weight: 2.5 },
  ],
  result: [
    {
      pattern:
        /\b(?:as a result|in the end|the result|the outcome|resulted in|ended up|eventually|overall|since then|by the end of|by (?:that|the|her|his|my|our) (?:review|launch|deadline|release|end)|^(?:[\w-]+ ){0,3}(?:seconds|minutes|hours|days|weeks|months|years?|quarters?) (?:later|after (?:we|i|the|that|it))|in (?:its|the|our|their|his|her) first (?:week|month|day|quarter|year)|no more|for the rest of|the short version is|the (?:following|next) (?:week|month|quarter|year|day|release|sprint)|over the (?:next|following)|within (?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)(?: [\w-]+)? (?:days?|weeks?|months?|hours?|minutes?|quarters?|sprints?|years?)|lasted|from then on|in total|all told|final numbers|(?:was|were) back|back to normal|went (?:well|smoothly|fine)|paid off|it worked|(?:has|have|'s|'ve) since)\b|^(?:after|within|by) (?:[\w-]+ ){0,2}(?:days|weeks|months|years|quarters?|sprints?)\b/,
      weight: 2.5,
    },
    {
      pattern:
        /\b(?:reduced|increased|cut|dropped|fell|improved|saved|halved|doubled|tripled|went (?:down|up) (?:from|to|by)|went from|grew|decreased|lowered|sped up|eliminated|no longer|rose|came down|stayed (?:at|under|below|above)|held at|recovered|was back|were back|back to normal|back under|back up)\b/,
      weight: 1.5,
    },
    {
      // Outcomes: a deadline met, a decision reached, something adopted or still running, a state improved.
      pattern:
        /\b(?:(?:we|i|the team|they) (?:shipped|launched|hit|met|delivered|released|went live|finished)\b.{0,40}\b(?:on time|the date|the deadline|early|ahead)|(?:we|we all|the team|team|he|she|they|everyone|both|management|the director|the pm|product) (?:agreed|chose|approved|went with|signed off|accepted)|shipped (?:it |the [\w-]+ )?(?:in|on|by|within|before)|is still (?:in production|running|used|in use)|ever since|(?:customers?|users?|the client|the team|they|she|he) (?:were|was) (?:happy|pleased|satisfied|relieved)|took (?:it |that |this )?over|paid (?:it |that )?(?:down|off|back)|(?:they|users|customers|teams?|everyone) (?:use|rely on) (?:it |them )?every day|(?:haven't|hasn't|have not|has not) (?:had|been|seen|happened)\b.{0,60}\bsince|started (?:to use|using|relying)|'s now|now (?:takes|runs|costs|happens|works)|(?:would|will) trust|i'd expect|i would expect|end up with|(?:much|a lot|far|way) (?:more|less|happier|better|faster|calmer|smoother|simpler|quicker|cheaper))\b/,
      weight: 2.5,
    },
    {
      // Before and after: "two days instead of two weeks", "seven months, not the five I planned",
      // "without a single incident", "seven of the eight teams were on it", praise afterwards.
      pattern:
        /\b(?:(?:instead of|not the|rather than|down from|up from|dropped from|fell from) (?:[\w-]+ ){0,2}(?:days?|weeks?|months?|hours?|minutes?|seconds?|one|two|three|four|five|six|seven|eight|nine|ten|\d+|tripling|doubling)|without (?:a single|any) (?:[\w-]+ ){0,2}(?:incident|outage|downtime|complaint|page)|no downtime|(?:\d+|one|two|three|four|five|six|seven|eight|nine|all|most|half) of the (?:[\w-]+ ){0,2}(?:teams|services|customers|users|engineers) (?:were|had|moved|switched)|thank-you|thank you note|(?:later )?told me (?:my|that|the)|mentioned (?:it|that)|said (?:the|that) (?:complaints|it|things)|today (?:there is|we)|we now|now (?:estimate|use|have|run|own))\b/,
      weight: 2.5,
    },
    {
      pattern:
        /(?<!\b(?:i|we) )\b(?:stopped (?:querying|paging|complaining|breaking|failing|happening|asking|calling)|never again|again\b)/,
      weight: 1.5,
    },
    {
      pattern:
        /\b(?:should|would|will|that'll|that'd) (?:give|make|mean|help|build|let|result|lead|improve|reduce|save|keep|pay off)\b/,
      weight: 2,
    },
    {
      pattern:
        /\b(?:i (?:have )?learn(?:ed|t)|lessons?|next time|in hindsight|looking back|(?:would|i'd) do (?:it |things )?differently|taught me|is still (?:in use|used|running)|became|adopted|praised|promoted|renewed|signed|on time|without (?:an? )?(?:incident|outage|issue|problem)|never (?:happened|recurred|came back)|went live|was closed|were closed|was resolved|thanked|asked (?:to join|for (?:it|more))|started using|(?:is|are) now)\b/,
      weight: 2.5,
    },
  ],
};

/** First-person past tenses ending in -ed that set a scene or state a need rather than act. */
export const NOT_ACTIONS = new Set(
  'needed wanted learned realised realized worked joined tasked used noticed liked loved hoped expected owned volunteered started seemed appeared happened'.split(
    ' ',
  ),
);
export const FIRST_PERSON_ED = /\bi (?:also |then |first |quickly |finally |personally )?([a-z]+ed)\b/g;
/** A sentence whose own subject is "I" doing something: "Then I…", "Once writes recovered, I…". */
export const OPENS_WITH_I =
  /^(?:(?:then|so|first|next|finally|also|instead|after that|once [^,]{1,60},|when [^,]{1,60},)\s*,?\s*)?i (?!was\b|had\b|am\b|wanted\b|needed\b)/;

export function partScores(sentence: string): Record<StarPart, number> {
  const scores = { situation: 0, task: 0, action: 0, result: 0 };
  for (const part of STAR_PARTS)
    for (const cue of CUES[part]) if (cue.pattern.test(sentence)) scores[part] += cue.weight;
  if ([...sentence.matchAll(FIRST_PERSON_ED)].some((m) => !NOT_ACTIONS.has(m[1]!))) scores.action += 1;
  if (OPENS_WITH_I.test(sentence)) scores.action += 1.5;
  if (quantitiesIn(sentence).length > 0) scores.result += scores.action >= 2.5 ? 0.5 : 1;
  return scores;
}

/** The part a sentence tells, from its own cues; a sentence with no cue at all sets the scene. */
function classify(sentence: string, allowed: readonly StarPart[]): StarPart {
  const scores = partScores(sentence);
  // "I was on call and needed to restore payments": a clear task outweighs the scene around it.
  if (scores.task >= 3 && scores.task + 1 >= scores.situation)
    scores.situation = Math.min(scores.situation, scores.task - 0.5);
  let best: StarPart = allowed.includes('situation') ? 'situation' : allowed[0]!;
  let bestScore = allowed.includes('situation') ? Math.max(scores.situation, 0.25) : Number.NEGATIVE_INFINITY;
  for (const part of allowed) {
    if (scores[part] > bestScore) {
      best = part;
      bestScore = scores[part];
    }
  }
  return best;
}

const FIRST_PERSON = /\b(?:i'm|i've|i'd|i'll|i|me|my|mine|myself)\b(?!\/o)/gi;
const FIRST_PERSON_PLURAL = /\b(?:we're|we've|we'd|we'll|we|our|ours|ourselves|us)\b/gi;
const REFLECTION =
  /\b(?:i (?:have )?learn(?:ed|t)|lessons?(?: learned)?|next time|since then|in hindsight|looking back|(?:would|i'd) do (?:it |things |that )?differently|taught me|i now always|i realised|i realized)\b/i;

/** Action share inside this range counts as balanced (with set-up at most {@link MAX_SETUP_SHARE}). */
export const ACTION_SHARE = { min: 0.35, max: 0.75 } as const;
/** Situation and task together should take at most this share of the words. */
export const MAX_SETUP_SHARE = 0.4;

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

/** Splits an answer into sentences and gives each its STAR part; labels decide where present. */
export function readStarSentences(answer: string): StarSentence[] {
  const text = normalise(answer);
  const sentences: StarSentence[] = [];
  let label: StarPart[] | null = null;
  const analysis = analyse(text);
  for (const sentence of analysis.sentences) {
    for (const line of text.slice(sentence.start, sentence.end).split(/\n+/)) {
      const parsed = parseStarLabel(line);
      if (parsed) label = parsed.parts;
      for (const clause of piecesOf(parsed ? parsed.rest : line)) {
        const rest = clause.trim();
        if (countWords(rest) === 0) continue;
        const lower = rest.toLowerCase();
        const part = classify(lower, label ?? STAR_PARTS);
        sentences.push({
          text: rest,
          part,
          hypothetical: part === 'action' && HYPOTHETICAL.test(lower),
          vague: part === 'action' && VAGUE_ACTION.test(lower),
        });
      }
    }
  }
  return sentences;
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
  const present = (part: StarPart) => partWords[part] > 0;

  const actions = sentences.filter((s) => s.part === 'action');
  const hypothetical = actions.length > 0 && actions.filter((s) => s.hypothetical).length * 2 >= actions.length;
  const vagueActions = actions.filter((s) => s.vague).map((s) => excerptOf(s.text, 80));
  const concreteActions = actions.filter((s) => !s.vague && !s.hypothetical).length;

  const actionShare = share('action');
  const setupShare = share('situation') + share('task');
  const balanced = actionShare >= ACTION_SHARE.min && actionShare <= ACTION_SHARE.max && setupShare <= MAX_SETUP_SHARE;
  const resultNumbers = quantitiesIn(partText.result);
  const measurableResult = resultNumbers.length > 0;
  const all = sentences.map((s) => s.text).join(' ');
  const iCount = all.match(FIRST_PERSON)?.length ?? 0;
  const weCount = (all.match(FIRST_PERSON_PLURAL) ?? []).filter((word) => word !== 'US').length;
  const ratio = iCount + weCount > 0 ? iCount / (iCount + weCount) : 0;
  const reflection = REFLECTION.test(all);

  let score =
    0.1 * STAR_PARTS.filter(present).length +
    0.15 * (Number(balanced) + Number(measurableResult) + Number(ratio >= 0.5) + Number(reflection));
  if (hypothetical) score = Math.min(score, 0.5);
  if (vagueActions.length > 0 && concreteActions === 0) score = Math.min(score, 0.6);

  const tips: string[] = [];
  if (hypothetical)
    tips.push(
      'Tell a real event: you described what you would do. Interviewers score what you did, so pick a time it happened.',
    );
  if (vagueActions.length > 0 && concreteActions <= vagueActions.length)
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
