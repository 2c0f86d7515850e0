import type { ImportResult } from '../shared/account-import.js';
import type { AiStatusDto } from '../shared/ai.js';
import type {
  ApiTokenDto,
  AreaDto,
  AuditEventDto,
  CardDto,
  GradeResultDto,
  HistoryPage,
  PlanBody,
  PlanDto,
  ProgressDto,
  QueueDto,
  ReviewBody,
  ReviewResultDto,
  CreatedApiTokenDto,
  CreateReportBody,
  LevelDto,
  MeDto,
  Problem,
  QuestionDto,
  QuestionPage,
  ReportDto,
  SessionInfo,
  StageDto,
  TagDto,
} from '../shared/api.js';
import type {
  AssessmentBody,
  AssessmentDto,
  DraftDto,
  GradingStatus,
  LabDetail,
  LabLanguage,
  LabSummary,
  SubmissionBody,
  SubmissionDto,
} from '../shared/labs.js';
import type { SpokenAnswerDto } from '../shared/speech.js';
import type { InterviewerDto, ItemDraftBody, MockBody, MockDto, MockSummary } from '../shared/mocks.js';

/**
 * The server's problem+json, or one made up here when the answer was not one (a proxy's error page):
 * then the code is `unknown_error`, which the server never sends.
 */
type ClientProblem = Omit<Problem, 'code'> & { code: Problem['code'] | 'unknown_error' };

/** An API error, carrying the server's problem+json so the UI can show its detail and code. */
export class ApiError extends Error {
  constructor(readonly problem: ClientProblem) {
    super(problem.detail);
    this.name = 'ApiError';
  }
}

let session: Promise<SessionInfo> | undefined;

/** The session (and its CSRF token); in personal mode, fetching it signs the browser in. */
function currentSession(refresh = false): Promise<SessionInfo> {
  if (refresh || !session) {
    session = request<SessionInfo>('/v1/auth/session');
    session.catch(() => (session = undefined));
  }
  return session;
}

/** Unsafe requests carry the session's CSRF token; a stale token is refreshed and retried once. */
async function mutate<T>(
  method: string,
  path: string,
  body?: unknown,
  retried = false,
  idempotencyKey?: string,
): Promise<T> {
  const { csrfToken } = await currentSession();
  try {
    return await request<T>(path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    if (!retried && error instanceof ApiError && error.problem.code === 'csrf_failed') {
      await currentSession(true);
      return mutate(method, path, body, true, idempotencyKey);
    }
    throw error;
  }
}

/** Sends a recording as the raw body of a POST, in the type it was recorded in. */
async function upload<T>(path: string, blob: Blob): Promise<T> {
  const { csrfToken } = await currentSession();
  return request<T>(path, {
    method: 'POST',
    headers: { 'content-type': blob.type, ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
    body: blob,
  });
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = (body ?? {}) as Partial<Problem>;
    throw new ApiError({
      type: problem.type ?? 'about:blank',
      title: problem.title ?? response.statusText,
      status: response.status,
      detail: problem.detail ?? `The server answered ${response.status}.`,
      code: problem.code ?? 'unknown_error',
      requestId: problem.requestId ?? response.headers.get('x-request-id') ?? '',
    });
  }
  return body as T;
}

export interface LabFilters {
  area?: string | undefined;
  level?: string | undefined;
  language?: string | undefined;
}

const lab = (slug: string) => `/v1/labs/${encodeURIComponent(slug)}`;

export interface QuestionFilters {
  area?: string | undefined;
  level?: string | undefined;
  tag?: string | undefined;
  q?: string | undefined;
}

/** The typed client for `/v1`; the web app talks to the server through nothing else. */
export const api = {
  areas: () => request<{ items: AreaDto[] }>('/v1/areas').then((r) => r.items),
  area: (id: string) => request<AreaDto>(`/v1/areas/${encodeURIComponent(id)}`),
  tags: () => request<{ items: TagDto[] }>('/v1/tags').then((r) => r.items),
  questions: (filters: QuestionFilters, cursor?: string) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
    if (cursor) params.set('cursor', cursor);
    params.set('limit', '20');
    return request<QuestionPage>(`/v1/questions?${params}`);
  },
  question: (id: string) => request<QuestionDto>(`/v1/questions/${encodeURIComponent(id)}`),
  levels: () => request<{ items: LevelDto[] }>('/v1/levels').then((r) => r.items),
  stages: () => request<{ items: StageDto[] }>('/v1/stages').then((r) => r.items),
  reportQuestion: (id: string, body: CreateReportBody) =>
    mutate<ReportDto>('POST', `/v1/questions/${encodeURIComponent(id)}/reports`, body),
  session: () => currentSession(),
  signIn: async (body: { email?: string; password: string }) => {
    const info = await mutate<SessionInfo>('POST', '/v1/auth/sign-in', body);
    session = Promise.resolve(info);
    return info;
  },
  /** Sign-up answers 202 alike for new and taken addresses (no enumeration); then sign in. */
  signUp: async (body: { email: string; password: string; displayName: string }) => {
    await mutate<void>('POST', '/v1/auth/sign-up', body);
    return api.signIn({ email: body.email, password: body.password });
  },
  signOut: async () => {
    await mutate<void>('POST', '/v1/auth/sign-out');
    session = undefined;
  },
  signOutEverywhere: async () => {
    await mutate<void>('POST', '/v1/auth/sign-out-everywhere');
    session = undefined;
  },
  requestReset: (email: string) => mutate<void>('POST', '/v1/auth/password-reset', { email }),
  confirmReset: (token: string, newPassword: string) =>
    mutate<void>('POST', '/v1/auth/password-reset/confirm', { token, newPassword }),
  changePassword: async (body: { currentPassword?: string; newPassword: string }) => {
    const info = await mutate<SessionInfo>('PUT', '/v1/me/password', body);
    session = Promise.resolve(info);
    return info;
  },
  tokens: () => request<{ items: ApiTokenDto[] }>('/v1/me/tokens').then((r) => r.items),
  createToken: (body: { name: string; scope: 'read' | 'write' }) =>
    mutate<CreatedApiTokenDto>('POST', '/v1/me/tokens', body),
  revokeToken: (id: string) => mutate<void>('DELETE', `/v1/me/tokens/${encodeURIComponent(id)}`),
  plan: () => request<PlanDto>('/v1/plan'),
  savePlan: (body: PlanBody) => mutate<PlanDto>('PUT', '/v1/plan', body),
  queue: () => request<QueueDto>('/v1/drills/queue'),
  grade: (body: { questionId: string; answer: string; hintUsed: boolean }) =>
    mutate<GradeResultDto>('POST', '/v1/drills/grade', body),
  aiStatus: () => request<AiStatusDto>('/v1/ai'),
  speech: (query: { for: string; id: string; durationMs: number; keep: boolean }, audio: Blob) =>
    upload<SpokenAnswerDto>(
      `/v1/speech?${new URLSearchParams({ ...query, durationMs: String(query.durationMs), keep: String(query.keep) })}`,
      audio,
    ),
  setAiConsent: (choice: 'accepted' | 'declined') => mutate<AiStatusDto>('PUT', '/v1/ai/consent', { choice }),
  setAiSwitch: (enabled: boolean) => mutate<AiStatusDto>('PUT', '/v1/admin/ai', { enabled }),
  review: (body: ReviewBody, idempotencyKey: string) =>
    mutate<ReviewResultDto>('POST', '/v1/drills/reviews', body, false, idempotencyKey),
  progress: () => request<ProgressDto>('/v1/progress'),
  history: (cursor?: string) =>
    request<HistoryPage>(`/v1/drills/history${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`),
  card: (questionId: string) => request<CardDto>(`/v1/cards/${encodeURIComponent(questionId)}`),
  updateCard: (questionId: string, patch: { marked?: boolean; note?: string; suspended?: boolean }) =>
    mutate<CardDto>('PATCH', `/v1/cards/${encodeURIComponent(questionId)}`, patch),
  resetCard: (questionId: string) => mutate<CardDto>('POST', `/v1/cards/${encodeURIComponent(questionId)}/reset`),
  adminUsers: () => request<{ items: MeDto[] }>('/v1/admin/users').then((r) => r.items),
  setRole: (id: string, role: 'user' | 'admin') =>
    mutate<MeDto>('PATCH', `/v1/admin/users/${encodeURIComponent(id)}`, { role }),
  reports: () => request<{ items: ReportDto[] }>('/v1/admin/reports').then((r) => r.items),
  auditEvents: () => request<{ items: AuditEventDto[] }>('/v1/admin/audit').then((r) => r.items),
  labs: (filters: LabFilters) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
    return request<{ items: LabSummary[] }>(`/v1/labs?${params}`).then((r) => r.items);
  },
  lab: (slug: string) => request<LabDetail>(lab(slug)),
  gradingStatus: () => request<GradingStatus>('/v1/grading/status'),
  drafts: (slug: string) => request<{ items: DraftDto[] }>(`${lab(slug)}/drafts`).then((r) => r.items),
  saveDraft: (slug: string, language: LabLanguage, code: string) =>
    mutate<DraftDto>('PUT', `${lab(slug)}/drafts/${language}`, { code }),
  solution: (slug: string, language: LabLanguage) =>
    request<{ language: LabLanguage; code: string }>(`${lab(slug)}/solutions/${language}`),
  submit: (slug: string, body: SubmissionBody, idempotencyKey: string) =>
    mutate<SubmissionDto>('POST', `${lab(slug)}/submissions`, body, false, idempotencyKey),
  attempts: (slug: string) => request<{ items: SubmissionDto[] }>(`${lab(slug)}/submissions`).then((r) => r.items),
  /** Long-polls: the server answers as soon as grading ends, or after `waitMs`. */
  submission: (id: string, waitMs = 10_000) =>
    request<SubmissionDto>(`/v1/submissions/${encodeURIComponent(id)}?waitMs=${waitMs}`),
  assessments: () => request<{ items: AssessmentDto[] }>('/v1/assessments').then((r) => r.items),
  assessment: (id: string) => request<AssessmentDto>(`/v1/assessments/${encodeURIComponent(id)}`),
  startAssessment: (body: Partial<AssessmentBody>) => mutate<AssessmentDto>('POST', '/v1/assessments', body),
  finishAssessment: (id: string) => mutate<AssessmentDto>('POST', `/v1/assessments/${encodeURIComponent(id)}/finish`),
  mocks: () => request<{ items: MockSummary[] }>('/v1/mocks').then((r) => r.items),
  mock: (id: string) => request<MockDto>(`/v1/mocks/${encodeURIComponent(id)}`),
  startMock: (body: Partial<MockBody>) => mutate<MockDto>('POST', '/v1/mocks', body),
  beginStage: (id: string, index: number) =>
    mutate<MockDto>('POST', `/v1/mocks/${encodeURIComponent(id)}/stages/${index}/begin`),
  finishStage: (id: string, index: number) =>
    mutate<MockDto>('POST', `/v1/mocks/${encodeURIComponent(id)}/stages/${index}/finish`),
  saveMockItem: (id: string, itemId: string, body: ItemDraftBody) =>
    mutate<MockDto>('PUT', `/v1/mocks/${encodeURIComponent(id)}/items/${encodeURIComponent(itemId)}`, body),
  answerMockItem: (id: string, itemId: string, body: ItemDraftBody) =>
    mutate<MockDto>('POST', `/v1/mocks/${encodeURIComponent(id)}/items/${encodeURIComponent(itemId)}/answer`, body),
  shareMock: (id: string) =>
    mutate<{ token: string; url: string }>('POST', `/v1/mocks/${encodeURIComponent(id)}/share`),
  interview: (token: string) => request<InterviewerDto>(`/v1/interviews/${encodeURIComponent(token)}`),
  scoreInterview: (
    token: string,
    body: { scores?: Record<string, { rating: number; note: string }>; notes?: string },
  ) => mutate<InterviewerDto>('PUT', `/v1/interviews/${encodeURIComponent(token)}/scores`, body),
  messageCandidate: (token: string, text: string) =>
    mutate<InterviewerDto>('POST', `/v1/interviews/${encodeURIComponent(token)}/messages`, { text }),
  /** Sends an export file's text; text that is not JSON is refused here, as the server would. */
  importAccount: async (fileText: string) => {
    let file: unknown;
    try {
      file = JSON.parse(fileText);
    } catch {
      throw new ApiError({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'This file is not JSON. Choose the onsite-export.json file that "Export my data" downloaded.',
        code: 'malformed_body',
        requestId: '',
      });
    }
    return mutate<ImportResult>('POST', '/v1/me/import', file);
  },
  deleteAccount: async (password?: string) => {
    await mutate<void>('DELETE', '/v1/me', password ? { password } : {});
    session = undefined;
  },
};
