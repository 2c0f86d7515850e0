import { STAR_PARTS, type StarPart } from '../../shared/ids.js';
import { quantitiesIn } from './text.js';

/**
 * What each part of a STAR story sounds like, as cue phrases matched on a lower-cased sentence;
 * a sentence scores the sum of the weights of the cues it contains (each counted once). The cues
 * describe what a sentence says, never where it sits in the story.
 */

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
        /\b(?:i (?:was|worked|joined|had just joined|had been) (?:a|an|the|as|at|on|in|one of|part of|working)|this was (?:at|when|in|back)|when i was (?:a|an|the|at|on|in|working)|(?:at|in) my (?:last|previous|current|old|first|former) (?:job|company|role|team|employer|position|workplace)|(?:at|for) (?:a|an) [\w-]+(?: [\w-]+){0,3} (?:company|startup|agency|bank|retailer|firm|platform|operator|exchange|insurer|provider|marketplace|business|scale-?up|consultancy))\b(?! (?:asked|tasked|responsible|given|supposed|assigned|expected|in charge))/,
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
        /\b(?:disagreed|argued|clashed|failed|failing|never (?:reached|arrived|made it)|(?:were|was|got) lost|went missing|jumped|spiked|climbed|crept up|shot up|started (?:failing|timing out|rejecting|lagging|throwing|erroring|dropping|returning|crashing)|stopped being|fell over|was down|were down|went down hard|were failing|was failing|broke|crashed|outage|paged|alerts? (?:fired|went off)|complained|was slow|were slow|timing out|timed out|degraded|was hurting|were hurting|struggling|kept (?:breaking|failing|getting)|piled up|backed up|was stuck|were stuck|sat in)\b/,
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
        /\b(?:i'd (?:approved|signed|written|built|pushed|merged|shipped|joined|been|taken|changed|made|promised|told)|i had (?:approved|written|built|pushed|promised|told)|i once)\b|(?:^|\bbut )(?:imagine|say (?:i|we|a|the|that)|suppose)\b|\blet's say\b|\bin (?:a|this|that) situation (?:where|like)|^(?:but |so |and )?if (?:a|an|the|my|our|someone|somebody|something|i|we|they|he|she|it) (?:[\w-]+ ){0,4}?(?:wanted|asked|joined|broke|failed|went|came|started|was|were|had|needed|kept|got|said|told|deleted|changed)\b/,
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
    // Being the one on call is the task of an incident story.
    { pattern: /\bi was (?:the )?on[- ]call(?: (?:one|person|engineer))?(?=[,.;]|$| so\b| that\b| and\b)/, weight: 5 },
    {
      // Ownership said in passing: "it was my migration", "it was on me", "this is yours", "I took it on".
      pattern:
        /\b(?:(?:was|is|were|'s) (?:(?:kind of |also |all |partly )?on me|(?:also |all )?mine|(?:also )?my (?:responsibility|job|call|problem|feature|service|project|migration|change|estimate|code|system|bug|fault|mistake|pager))|(?:it's|it is|would be|will be) (?:yours|my responsibility|my job)|this is yours|gave (?:it|this) to me|part of my goals|(?:i|so i) (?:put my hand up|volunteered|stepped up|took (?:it|this|that) on|picked (?:it|this|that) up)|decided i'd (?:take|own|pick|fix|get)|i figured i'd (?:just )?(?:take|own|pick|fix|get|sort|handle)|i signed up (?:to|for)|i raised my hand|i ended up owning|i was the (?:owner|dri|point person) (?:of|for|on)|(?:came|went|passed) (?:over )?to me|my (?:estimate|project|feature|service|change|migration|code|system)[,.])/,
      weight: 5,
    },
    {
      // Obligations and deadlines: "X was due in six weeks", "I needed eight teams to…", "brought in to…".
      pattern:
        /\b(?:(?:was|were|is) due|due in|had to be (?:done|shipped|live|ready)|deadline was|date was fixed|i needed (?:[\w-]+ ){1,3}to|assigned to|brought in (?:[\w-]+ ){0,6}to|hired (?:[\w-]+ ){0,3}to|if (?:i didn't|nobody|no one) (?:pick|fix|do|own|take)|nobody would|my (?:aim|priority|focus)(?: [\w-]+){0,3} (?:was|is|would be))\b/,
      weight: 3,
    },
    {
      pattern: /\b(?:gave|give|given) (?:me|us) (?:[\w-]+ ){0,2}(?:days|weeks|hours|a week|a month|until|till)\b/,
      weight: 3,
    },
    {
      pattern:
        /\b(?:i was the one (?:she|he|they|who)|(?:my manager|my lead|the team|she|he|they) wanted (?:him|her|them|me|us)|needed to (?:restore|fix|get|ship|deliver|make|find|stop|bring|keep|move|cut|decide|choose)|(?:i|we) (?:only |just )?had (?:[\w-]+ ){1,2}(?:days|weeks|hours|months) to|someone (?:has|had) to|decided (?:i'd |to |we'd |we would |i would )?(?:take|own|pick up|look into)|landed on (?:me|my desk|my plate)|we needed (?:one|a|an|to))\b/,
      weight: 3,
    },
    {
      pattern:
        /\b(?:i (?:needed|had|wanted|was determined|set out|intended)(?: (?:either|first|somehow|really|urgently|quickly))? to|we (?:needed|had) to|i wanted (?:all|the|our|them|her|him|everyone|every|to)|i was (?:leading|the lead|running|driving|owning))\b/,
      weight: 2.5,
    },
    {
      // A goal for others ("I wanted both teams to…", "we wanted every team on…"), a choice that fell
      // to the candidate ("… and had to choose between…"), the terse "Needed it under 2 s", and the
      // task of a hypothetical answer ("I would need to decide…").
      pattern:
        /\b(?:(?:i|we) wanted (?:[\w-]+ ){1,4}(?:to|on)|decided to get (?:[\w-]+ ){1,4}to|(?:and|so|but) (?:had|needed) to (?:choose|decide|push|pick|convince|persuade|get|deliver|find|make)|(?:i would|i'd) (?:need|have) to)\b|^(?:needed|had) (?:it|this|that|to)\b/,
      weight: 5,
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
    {
      // Terse notes leave the subject out: "Shipped a polling integration with a date to replace it."
      pattern: new RegExp(String.raw`^(?:${ACTION_VERBS})\b`),
      weight: 2.5,
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
      // What was lost came back, nobody was hurt, where things stood by a later date.
      pattern:
        /\b(?:came back|(?:nobody|no one|no customer|no user)(?:'s [\w-]+)? (?:was|were|got) (?:affected|hurt|charged|paid wrongly|lost)|no [\w-]+ (?:was|were) (?:lost|dropped|affected|missed)|(?:[\w-]+ )(?:days|weeks|months|sprints|years|quarters) later|no data was lost|long story short|^by (?:month|week|day|year|sprint|quarter) [\w-]+)\b/,
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
const NOT_ACTIONS = new Set(
  'needed wanted learned realised realized worked joined tasked used noticed liked loved hoped expected owned volunteered started seemed appeared happened'.split(
    ' ',
  ),
);
const FIRST_PERSON_ED = /\bi (?:also |then |first |quickly |finally |personally )?([a-z]+ed)\b/g;
/** A sentence whose own subject is "I" doing something: "Then I…", "Once writes recovered, I…". */
const OPENS_WITH_I =
  /^(?:(?:then|so|first|next|finally|also|instead|after that|once [^,]{1,60},|when [^,]{1,60},)\s*,?\s*)?i (?!was\b|had\b|am\b|wanted\b|needed\b)/;

/** What the cues read in one lower-cased sentence: each cue's hit (per part, in {@link CUES} order), and each part's score. */
interface CueReading {
  hits: Record<StarPart, boolean[]>;
  scores: Record<StarPart, number>;
  quantities: number;
  actsEd: boolean;
  opensWithI: boolean;
}

export function readCues(sentence: string): CueReading {
  const scores = { situation: 0, task: 0, action: 0, result: 0 };
  const hits = { situation: [], task: [], action: [], result: [] } as Record<StarPart, boolean[]>;
  for (const part of STAR_PARTS)
    for (const cue of CUES[part]) {
      const hit = cue.pattern.test(sentence);
      hits[part].push(hit);
      if (hit) scores[part] += cue.weight;
    }
  const actsEd = [...sentence.matchAll(FIRST_PERSON_ED)].some((m) => !NOT_ACTIONS.has(m[1]!));
  const opensWithI = OPENS_WITH_I.test(sentence);
  const quantities = quantitiesIn(sentence).length;
  if (actsEd) scores.action += 1;
  if (opensWithI) scores.action += 1.5;
  if (quantities > 0) scores.result += scores.action >= 2.5 ? 0.5 : 1;
  return { hits, scores, quantities, actsEd, opensWithI };
}

/** Each part's cue score for one lower-cased sentence. */
export function partScores(sentence: string): Record<StarPart, number> {
  return readCues(sentence).scores;
}
