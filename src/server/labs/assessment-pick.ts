/** What picking needs to know of a lab. */
export interface PickableLab {
  slug: string;
  area: string;
  /** The candidate has a passing submission for it. */
  solved: boolean;
}

/**
 * Chooses the labs of a new timed assessment so that each one differs from the last: labs not yet
 * solved come first, then those sat in the fewest past assessments, spread over areas (one per
 * area before any area gets a second), with ties broken at random (`random` returns [0, 1), like
 * Math.random; tests pass a seeded one). The caller passes only labs that meet the assessment's
 * constraints (its level). Returns at most `count` slugs, fewer when fewer labs exist.
 */
export function pickAssessmentLabs(
  labs: readonly PickableLab[],
  pastLabSlugs: readonly (readonly string[])[],
  count: number,
  random: () => number = Math.random,
): string[] {
  const sat = new Map<string, number>();
  for (const slugs of pastLabSlugs) for (const slug of slugs) sat.set(slug, (sat.get(slug) ?? 0) + 1);
  const ranked = labs
    .map((lab) => ({ lab, tie: random() }))
    .sort(
      (a, b) =>
        Number(a.lab.solved) - Number(b.lab.solved) ||
        (sat.get(a.lab.slug) ?? 0) - (sat.get(b.lab.slug) ?? 0) ||
        a.tie - b.tie,
    )
    .map(({ lab }) => lab);
  const picked: PickableLab[] = [];
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
