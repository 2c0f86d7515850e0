import type { LabSummary } from '../shared/labs.js';

/**
 * Chooses the labs of a new timed assessment, so that each one differs from the last: labs not
 * yet solved come first, then those sat in the fewest past assessments, spread over areas, with
 * ties broken at random (`random` returns [0, 1), like Math.random). Returns at most `count` slugs.
 */
export function pickAssessmentLabs(
  labs: LabSummary[],
  pastLabSlugs: string[][],
  count: number,
  random: () => number = Math.random,
): string[] {
  const sat = new Map<string, number>();
  for (const slugs of pastLabSlugs) for (const slug of slugs) sat.set(slug, (sat.get(slug) ?? 0) + 1);
  const solvedRank = (lab: LabSummary) => (lab.status === 'solved' ? 1 : 0);
  const ranked = labs
    .map((lab) => ({ lab, tie: random() }))
    .sort(
      (a, b) =>
        solvedRank(a.lab) - solvedRank(b.lab) ||
        (sat.get(a.lab.slug) ?? 0) - (sat.get(b.lab.slug) ?? 0) ||
        a.tie - b.tie,
    )
    .map(({ lab }) => lab);
  const picked: LabSummary[] = [];
  const areas = new Set<string>();
  for (const lab of ranked) {
    if (picked.length < count && !areas.has(lab.area)) {
      picked.push(lab);
      areas.add(lab.area);
    }
  }
  for (const lab of ranked) if (picked.length < count && !picked.includes(lab)) picked.push(lab);
  return picked.map((lab) => lab.slug);
}
