import type {
  AreaDto,
  LevelDto,
  Problem,
  QuestionDto,
  QuestionPage,
  ReportDto,
  StageDto,
  TagDto,
  CreateReportBody,
} from '../shared/api.js';

/** An API error, carrying the server's problem+json so the UI can show its detail and code. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, { ...init, headers: { accept: 'application/json', ...init?.headers } });
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
    request<ReportDto>(`/v1/questions/${encodeURIComponent(id)}/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
};
