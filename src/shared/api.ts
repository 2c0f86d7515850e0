import { z } from 'zod';
import { MultiLineText, SingleLineText } from './text.js';
import { AreaId, LevelId, Signal, Slug, StageId } from './curriculum.js';
import { REPORT_KINDS } from './ids.js';
import { AiCoachingOutcome, AiOutcome } from './ai.js';
import { AnswerJudgement } from './judgement.js';
import { ERROR_CODES } from './error-codes.js';

export { Slug };

/**
 * The `/v1` API's request and response shapes. Routes validate with them, OpenAPI is generated
 * from them, and the web client types its responses with them — one definition for all three.
 * Just past ~400 lines, kept as one file for now: it holds the curriculum, account and drill
 * shapes, each section short and read by its own routes and pages; labs, mocks, the AI layer and
 * speech have files of their own, and the account section (~90 lines) is the next to move out.
 */

export const AreaDto = z
  .object({
    id: AreaId,
    name: z.string(),
    summary: z.string(),
    description: z.string().describe('Markdown'),
    questionCount: z.number().int(),
    levelCounts: z.record(LevelId, z.number().int()),
  })
  .meta({ id: 'Area' });
export type AreaDto = z.infer<typeof AreaDto>;

const KeyPointDto = z
  .object({ id: z.string(), statement: z.string(), phrases: z.array(z.string()) })
  .meta({ id: 'KeyPoint' });

export const QuestionSummaryDto = z
  .object({
    id: z.string(),
    area: AreaId,
    levels: z.array(LevelId),
    tags: z.array(z.string()),
    question: z.string(),
  })
  .meta({ id: 'QuestionSummary' });
export type QuestionSummaryDto = z.infer<typeof QuestionSummaryDto>;

export const QuestionDto = QuestionSummaryDto.extend({
  hint: z.string(),
  answer: z.string().describe('The model answer, in Markdown'),
  keyPoints: z.array(KeyPointDto).describe('The rubric'),
  followUps: z.array(z.object({ question: z.string(), probes: z.string().optional() })),
  pitfalls: z.array(z.object({ text: z.string(), phrases: z.array(z.string()) })),
  misconceptions: z
    .array(z.object({ claim: z.string(), correction: z.string() }))
    .describe('Wrong claims candidates commonly make about the topic, each with its correction'),
  references: z.array(z.object({ title: z.string(), url: z.string() })),
  levelSignals: z.record(z.string(), z.string()).optional().describe('What a strong answer shows at each level'),
}).meta({ id: 'Question' });
export type QuestionDto = z.infer<typeof QuestionDto>;

export const QuestionListQuery = z.object({
  area: AreaId.optional().describe('Only questions in this area'),
  level: LevelId.optional().describe('Only questions asked at this level'),
  tag: Slug.optional().describe('Only questions with this tag'),
  q: z.string().trim().min(1).max(200).optional().describe('Full-text search over question, tags, rubric and answer'),
  cursor: z.string().max(500).optional().describe('The `nextCursor` of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type QuestionListQuery = z.infer<typeof QuestionListQuery>;

export const QuestionPage = z
  .object({
    items: z.array(
      QuestionSummaryDto.extend({
        matches: z
          .array(z.string())
          .optional()
          .describe('With `q`: the indexed words this question matched (typos forgiven), for highlighting'),
      }),
    ),
    total: z.number().int().describe('How many questions match, across all pages'),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  })
  .meta({ id: 'QuestionPage' });
export type QuestionPage = z.infer<typeof QuestionPage>;

export const TagDto = z.object({ tag: z.string(), count: z.number().int() });
export type TagDto = z.infer<typeof TagDto>;

export const LevelDto = z
  .object({
    id: LevelId,
    name: z.string(),
    summary: z.string(),
    focusAreas: z.array(z.string()),
    areaWeights: z.record(z.string(), z.number()),
    signals: z.array(Signal),
    guide: z.string().describe('Markdown'),
  })
  .meta({ id: 'Level' });
export type LevelDto = z.infer<typeof LevelDto>;

export const StageDto = z
  .object({
    id: StageId,
    name: z.string(),
    summary: z.string(),
    whatHappens: z.array(z.string()),
    checklist: z.array(z.string()),
    guide: z.string().describe('Markdown'),
  })
  .meta({ id: 'Stage' });
export type StageDto = z.infer<typeof StageDto>;

export const ListOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** RFC 9457 problem details, with Onsite's stable `code` and the request id for support. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z
      .enum(ERROR_CODES)
      .describe('Stable, machine-readable error code; the table atop this document says what each means'),
    instance: z.string().optional(),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const IdParam = z.object({ id: Slug });

export const CreateReportBody = z.object({
  kind: z.enum(REPORT_KINDS).describe('What is wrong with the question'),
  message: MultiLineText(2000).trim().min(1).describe('What the reader noticed'),
});
export type CreateReportBody = z.infer<typeof CreateReportBody>;

export const ReportDto = z
  .object({
    id: z.string(),
    questionId: z.string(),
    kind: z.enum(REPORT_KINDS),
    message: z.string(),
    createdAt: z.string().describe('ISO 8601'),
  })
  .meta({ id: 'QuestionReport' });
export type ReportDto = z.infer<typeof ReportDto>;

const Email = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase());
const PasswordInput = z.string().min(1).max(1024);

/** What an account may do: an admin also manages users, reads the audit log and the reports. */
export const USER_ROLES = ['user', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const MeDto = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    displayName: z.string(),
    role: z.enum(USER_ROLES),
    isLocal: z.boolean().describe('The personal-mode local profile'),
    hasPassword: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'Me' });
export type MeDto = z.infer<typeof MeDto>;

export const SessionInfo = z
  .object({
    mode: z.enum(['personal', 'hosted']),
    user: MeDto.nullable(),
    csrfToken: z
      .string()
      .nullable()
      .describe('Send as X-CSRF-Token on every state-changing request made with the session cookie'),
  })
  .meta({ id: 'SessionInfo' });
export type SessionInfo = z.infer<typeof SessionInfo>;

export const SignUpBody = z.object({
  email: Email,
  password: PasswordInput,
  displayName: SingleLineText(80).trim().min(1),
});
export const SignInBody = z.object({
  email: Email.optional().describe('Omit in personal mode'),
  password: PasswordInput,
});
export const ChangePasswordBody = z.object({
  currentPassword: PasswordInput.optional().describe('Required once a password is set'),
  newPassword: PasswordInput,
});
export const ResetRequestBody = z.object({ email: Email });
export const ResetConfirmBody = z.object({ token: SingleLineText(200).min(10), newPassword: PasswordInput });
export const DeleteAccountBody = z.object({
  password: PasswordInput.optional().describe('Required when the account has a password'),
});

export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const CreateTokenBody = z.object({
  name: SingleLineText(80).trim().min(1),
  scope: z.enum(TOKEN_SCOPES).describe('`read` allows only GET requests'),
});
export const ApiTokenDto = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: z.enum(TOKEN_SCOPES),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiTokenDto = z.infer<typeof ApiTokenDto>;
export const CreatedApiTokenDto = ApiTokenDto.extend({
  token: z.string().describe('The secret, shown only in this response'),
}).meta({ id: 'CreatedApiToken' });
export type CreatedApiTokenDto = z.infer<typeof CreatedApiTokenDto>;

export const AdminUserDto = MeDto.extend({}).meta({ id: 'AdminUser' });
export const SetRoleBody = z.object({ role: z.enum(USER_ROLES) });
export const AuditEventDto = z
  .object({
    id: z.string(),
    at: z.string(),
    event: z.string(),
    actorUserId: z.string().nullable(),
    subjectUserId: z.string().nullable(),
    ip: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEventDto = z.infer<typeof AuditEventDto>;

export const FRAMEWORK_STACK = ['nodejs', 'spring', 'django', 'rails', 'dotnet'] as const;
export type Framework = (typeof FRAMEWORK_STACK)[number];
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');

export const PlanBody = z.object({
  levels: z
    .array(LevelId)
    .min(1)
    .max(2)
    .refine((levels) => new Set(levels).size === levels.length, 'levels repeat')
    .describe('One level, or two to blend (e.g. ["junior", "mid"])'),
  interviewDate: Day.nullable().default(null),
  hoursPerWeek: z.number().int().min(1).max(80),
  stack: z.array(z.enum(FRAMEWORK_STACK)).default([]).describe('Frameworks you use; their questions join the plan'),
  desiredRetention: z
    .number()
    .min(0.7)
    .max(0.97)
    .default(0.9)
    .describe('FSRS target probability of recall at review time'),
  timeZone: SingleLineText(64).min(1).describe('IANA time zone, e.g. Europe/Berlin'),
  dayStartHour: z.number().int().min(0).max(23).default(4).describe('Local hour at which a new study day begins'),
});
export type PlanBody = z.infer<typeof PlanBody>;

export const PlanDto = PlanBody.extend({
  summary: z.object({
    today: Day,
    relevantTotal: z.number().int(),
    seen: z.number().int(),
    remaining: z.number().int(),
    newPerDay: z.number().int(),
    daysLeft: z.number().int().nullable(),
    onTrack: z.boolean(),
    message: z.string(),
    forecast: z.array(z.object({ day: Day, reviews: z.number().int(), newCards: z.number().int() })),
  }),
}).meta({ id: 'Plan' });
export type PlanDto = z.infer<typeof PlanDto>;

const QueueItemDto = z.object({
  questionId: z.string(),
  kind: z.enum(['review', 'new']),
  area: AreaId,
  levels: z.array(LevelId),
  question: z.string(),
  marked: z.boolean(),
});
export const QueueDto = z
  .object({
    day: Day,
    reviewsDue: z.number().int(),
    newToday: z.number().int().describe('New cards already introduced today'),
    newBudgetLeft: z.number().int(),
    items: z.array(QueueItemDto),
  })
  .meta({ id: 'Queue' });
export type QueueDto = z.infer<typeof QueueDto>;

/** Feedback on a typed answer: the answer judge's result (see `judgement.ts`). */
export const FeedbackDto = AnswerJudgement;
export type FeedbackDto = AnswerJudgement;

/** A typed answer's grading: the offline judgement, and beside it (when configured) the AI's. */
export const GradeResultDto = AnswerJudgement.extend({
  ai: AiOutcome.optional().describe(
    'The AI review, shown beside the offline judgement and never merged into it; absent when the AI layer is off',
  ),
  coaching: AiCoachingOutcome.optional().describe(
    'For a behavioural question, AI coaching of the story told (STAR); absent when the AI layer is off',
  ),
}).meta({ id: 'GradeResult' });
export type GradeResultDto = z.infer<typeof GradeResultDto>;

export const GradeBody = z.object({
  questionId: Slug,
  answer: MultiLineText(10_000).min(1),
  hintUsed: z.boolean().default(false),
});

export const RATING_NAMES = ['again', 'hard', 'good', 'easy'] as const;
/** How an answer was given: typed (and graded) or spoken aloud (self-rated only). */
export const REVIEW_MODES = ['typed', 'spoken'] as const;
export type ReviewMode = (typeof REVIEW_MODES)[number];
export const ReviewBody = z.object({
  questionId: Slug,
  rating: z.number().int().min(1).max(4).describe('1 Again, 2 Hard, 3 Good, 4 Easy'),
  mode: z.enum(REVIEW_MODES),
  answer: MultiLineText(10_000).optional().describe('The typed answer; graded and stored'),
  hintUsed: z.boolean().default(false),
  durationMs: z.number().int().min(0).max(3_600_000),
});
export type ReviewBody = z.infer<typeof ReviewBody>;

export const CardDto = z
  .object({
    questionId: z.string(),
    state: z.enum(['new', 'learning', 'review', 'relearning']),
    due: z.string().nullable(),
    reps: z.number().int(),
    lapses: z.number().int(),
    retrievability: z.number().nullable().describe('FSRS probability of recall now'),
    suspended: z.boolean(),
    marked: z.boolean(),
    note: z.string(),
    lastReview: z.string().nullable(),
  })
  .meta({ id: 'Card' });
export type CardDto = z.infer<typeof CardDto>;

export const ReviewResultDto = z
  .object({ reviewId: z.string(), feedback: FeedbackDto.nullable(), card: CardDto })
  .meta({ id: 'ReviewResult' });
export type ReviewResultDto = z.infer<typeof ReviewResultDto>;

export const CardPatchBody = z.object({
  marked: z.boolean().optional(),
  note: MultiLineText(5000).optional(),
  suspended: z.boolean().optional(),
});

export const ProgressDto = z
  .object({
    today: Day,
    readiness: z.array(
      z.object({
        area: AreaId,
        level: LevelId,
        readiness: z.number(),
        seen: z.number().int(),
        total: z.number().int(),
      }),
    ),
    daily: z.array(z.object({ day: Day, reviews: z.number().int(), correct: z.number().int(), minutes: z.number() })),
    streak: z.number().int(),
    totalReviews: z.number().int(),
    totalMinutes: z.number(),
    /**
     * Topics that need work: a share of wrong answers, or recall below the plan's target. Sorted
     * weakest first; a topic answered right every time and recalled at target is never listed.
     */
    weakest: z.array(
      z.object({
        tag: z.string(),
        retrievability: z.number(),
        cards: z.number().int(),
        answers: z.number().int(),
        correct: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'Progress' });
export type ProgressDto = z.infer<typeof ProgressDto>;

const HistoryItemDto = z.object({
  id: z.string(),
  questionId: z.string(),
  question: z.string(),
  rating: z.number().int(),
  mode: z.enum(REVIEW_MODES),
  answer: z.string().nullable(),
  hintUsed: z.boolean(),
  durationMs: z.number().int(),
  score: z.number().nullable(),
  feedback: FeedbackDto.nullable(),
  reviewedAt: z.string(),
});
type HistoryItemDto = z.infer<typeof HistoryItemDto>;
export const HistoryPage = z
  .object({ items: z.array(HistoryItemDto), nextCursor: z.string().nullable() })
  .meta({ id: 'HistoryPage' });
export type HistoryPage = z.infer<typeof HistoryPage>;
