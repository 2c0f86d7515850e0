import type { CreateReportBody, ReportDto } from '../../shared/api.js';
import type { Catalog } from '../curriculum/service.js';
import type { Db } from '../db/client.js';
import { insertReport } from './queries.js';

export interface ReportDeps {
  db: Db;
  catalog: Catalog;
}

/** Records a reader's report of a problem in a question; unknown questions are `question_not_found`. */
export async function reportQuestionProblem(
  deps: ReportDeps,
  user: { id: string },
  questionId: string,
  input: CreateReportBody,
): Promise<ReportDto> {
  deps.catalog.getQuestion(questionId);
  const row = await insertReport(deps.db, { questionId, userId: user.id, ...input });
  return {
    id: row.id,
    questionId: row.questionId,
    kind: input.kind,
    message: row.message,
    createdAt: row.createdAt.toISOString(),
  };
}
