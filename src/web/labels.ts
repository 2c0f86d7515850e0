import type { LevelId } from '../shared/ids.js';

export const LEVEL_LABELS: Record<LevelId, string> = { junior: 'Junior', mid: 'Mid-level', senior: 'Senior / Lead' };
