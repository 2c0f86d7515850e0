/**
 * The curriculum's fixed vocabularies as plain constants, free of zod so the web bundle can import
 * them without pulling in the validation library.
 */
export const LEVEL_IDS = ['junior', 'mid', 'senior'] as const;
export type LevelId = (typeof LEVEL_IDS)[number];

export const AREA_IDS = [
  'core',
  'databases',
  'apis',
  'system-design',
  'frameworks',
  'ai-ml',
  'security',
  'observability',
  'testing',
  'behavioural',
] as const;
export type AreaId = (typeof AREA_IDS)[number];

export const STAGE_IDS = ['recruiter-screen', 'online-assessment', 'technical', 'behavioural', 'onsite'] as const;
export type StageId = (typeof STAGE_IDS)[number];

export const REPORT_KINDS = ['typo', 'incorrect', 'unclear', 'other'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** The four parts of a behavioural (STAR) story. */
export const STAR_PARTS = ['situation', 'task', 'action', 'result'] as const;
export type StarPart = (typeof STAR_PARTS)[number];
