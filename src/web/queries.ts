import type { LabLanguage } from '../shared/labs.js';
import type { LabFilters, QuestionFilters } from './api.js';

/**
 * The cache key of each kind of server data the pages read. A page that reads a query and one that
 * prefetches, replaces or invalidates it name it here, so they cannot drift apart. A key that is a
 * prefix of others (`labs`) invalidates all of them: every filtered list of labs.
 */
export const queryKeys = {
  session: ['session'],
  gradingStatus: ['grading-status'],
  areas: ['areas'],
  tags: ['tags'],
  levels: ['levels'],
  stages: ['stages'],
  questions: (filters: QuestionFilters) => ['questions', filters],
  question: (id: string) => ['question', id],
  card: (questionId: string) => ['card', questionId],
  plan: ['plan'],
  queue: ['queue'],
  progress: ['progress'],
  history: ['history'],
  labs: ['labs'],
  labList: (filters: LabFilters) => ['labs', filters],
  lab: (slug: string) => ['lab', slug],
  drafts: (slug: string) => ['drafts', slug],
  attempts: (slug: string) => ['attempts', slug],
  solution: (slug: string, language: LabLanguage) => ['solution', slug, language],
  assessments: ['assessments'],
  assessment: (id: string) => ['assessment', id],
  mocks: ['mocks'],
  mock: (id: string) => ['mock', id],
  interview: (token: string) => ['interview', token],
  tokens: ['tokens'],
  adminUsers: ['admin-users'],
  adminAudit: ['admin-audit'],
  adminReports: ['admin-reports'],
  aiStatus: ['ai-status'],
} as const;
