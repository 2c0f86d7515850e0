import type { CreateReportBody, ReportDto } from '../../shared/api.js';
import type { Catalog } from '../curriculum/service.js';
import type { Db } from '../db/client.js';
import { insertReport, listRecentReports, type ReportRow } from './queries.js';

export interface ReportDeps {
  db: Db;
  catalog: Catalog;
}

/** Records a reader's report of a problem in a question; unknown questions are `question_not_found`. */
export async function reportQuestionProblem(
  deps: ReportDeps,
  { userId, questionId, kind, message }: CreateReportBody & { userId: string; questionId: string },
): Promise<ReportDto> {
  deps.catalog.getQuestion(questionId);
  return toReportDto(await insertReport(deps.db, { userId, questionId, kind, message }));
}

/** Readers' reports, newest first, for admins who maintain the content. */
export async function listReports(deps: ReportDeps, limit: number): Promise<ReportDto[]> {
  return (await listRecentReports(deps.db, limit)).map(toReportDto);
}

function toReportDto(row: ReportRow): ReportDto {
  return {
    id: row.id,
    questionId: row.questionId,
    kind: row.kind,
    message: row.message,
    createdAt: row.createdAt.toISOString(),
  };
}
