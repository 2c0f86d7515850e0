import { z } from 'zod';
import { AreaId, LevelId, Signal, Slug, StageId } from './curriculum.js';
import { REPORT_KINDS } from './ids.js';

/**
 * The `/v1` API's request and response shapes. Routes validate with them, OpenAPI is generated
 * from them, and the web client types its responses with them — one definition for all three.
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

export const KeyPointDto = z
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
    items: z.array(QuestionSummaryDto),
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
    code: z.string().describe('Stable, machine-readable error code'),
    instance: z.string().optional(),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const IdParam = z.object({ id: Slug });

export const CreateReportBody = z.object({
  kind: z.enum(REPORT_KINDS).describe('What is wrong with the question'),
  message: z.string().trim().min(1).max(2000).describe('What the reader noticed'),
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

export const Email = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase());
const PasswordInput = z.string().min(1).max(1024);

export const MeDto = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    displayName: z.string(),
    role: z.enum(['user', 'admin']),
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
  displayName: z.string().trim().min(1).max(80),
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
export const ResetConfirmBody = z.object({ token: z.string().min(10).max(200), newPassword: PasswordInput });
export const DeleteAccountBody = z.object({
  password: PasswordInput.optional().describe('Required when the account has a password'),
});

export const TOKEN_SCOPES = ['read', 'write'] as const;
export const CreateTokenBody = z.object({
  name: z.string().trim().min(1).max(80),
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
export const SetRoleBody = z.object({ role: z.enum(['user', 'admin']) });
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
