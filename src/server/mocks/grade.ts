import type { LevelId } from '../../shared/ids.js';
import type { DesignText, MockItem, MockStage } from '../../shared/mocks.js';
import { answerJudgeFor, conceptFollowUp } from '../judge/answer.js';
import { judgeDesign } from '../judge/design.js';
import { judgeScreen } from '../judge/screen.js';
import { judgeStar } from '../judge/star.js';
import * as labSubmissions from '../labs/submissions.js';
import { storyHash } from './interviewer.js';
import type * as q from './queries.js';
import type { MockDeps } from './service.js';

/**
 * Feedback for one item from what is stored; `closing` grades whatever was written when time ran
 * out. With `aiInterviewer` a concept answer gets no offline follow-up: the AI interviewer asks
 * them (or the rubric's, when its own are dropped).
 */
export async function grade(
  deps: MockDeps,
  row: q.MockRow,
  stage: MockStage,
  item: MockItem,
  level: LevelId,
  closing: boolean,
  aiInterviewer: boolean,
): Promise<void> {
  const { catalog } = deps;
  switch (item.kind) {
    case 'screen': {
      const prompt = catalog.screenPrompts().find((p) => p.id === item.promptId);
      if (prompt && (!closing || item.answer.trim())) {
        item.feedback = judgeScreen(prompt, item.answer);
        // The answer may have changed since its AI review: it is reviewed again.
        delete item.ai;
      }
      return;
    }
    case 'star': {
      const prompt = catalog.behaviouralPrompts().find((p) => p.id === item.promptId);
      if (prompt && (!closing || item.answer.trim())) {
        item.feedback = judgeStar(prompt, level, item.answer);
        // Coaching of another version of the story no longer applies; the AI layer coaches this one after.
        if (item.coachedHash !== storyHash(item.answer)) {
          delete item.coaching;
          delete item.coachedHash;
        }
      }
      return;
    }
    case 'design': {
      const prompt = catalog.designPrompts().find((p) => p.id === item.promptId);
      const written = Object.values(item.text).some((text) => text.trim()) || item.diagram.nodes.length > 0;
      if (prompt && (!closing || written)) {
        item.feedback = judgeDesign(prompt, level, designText(item.text), item.diagram, catalog.designMisconceptions());
        // The design may have changed since its AI review: it is reviewed again.
        delete item.ai;
      }
      return;
    }
    case 'concept': {
      const question = catalog.findQuestion(item.questionId);
      if (!question) return;
      const judge = answerJudgeFor(catalog.allQuestions());
      if (!item.feedback && (!closing || item.answer.trim())) {
        item.feedback = judge.judge(question.id, item.answer);
        if (aiInterviewer) return;
        const missed = item.feedback.points.filter((p) => p.status !== 'covered').map((p) => p.id);
        const next = conceptFollowUp(question, missed);
        const probes = question.followUps.find((f) => f.question === next)?.probes ?? null;
        item.followUp = next ? { question: next, probes, answer: '', feedback: null } : null;
      } else if (item.followUp && !item.followUp.feedback && (!closing || item.followUp.answer.trim())) {
        const probes = item.followUp.probes;
        item.followUp.feedback = judge.judge(question.id, item.followUp.answer, probes ? { pointIds: [probes] } : {});
      }
      return;
    }
    case 'coding': {
      const attempts = await labSubmissions.listAttempts(deps.labs, row.userId, item.labSlug);
      const since = stage.startedAt ?? row.createdAt.toISOString();
      const latest = attempts.find((a) => a.createdAt >= since && (a.status === 'done' || a.status === 'error'));
      if (latest) {
        item.submissionId = latest.id;
        item.score = latest.score ?? 0;
      }
      item.done = true;
      return;
    }
    case 'assessment':
      return;
  }
}

const designText = (text: DesignText): string =>
  [text.requirements, text['high-level'], text.bottlenecks, text['trade-offs']].join('\n\n');
