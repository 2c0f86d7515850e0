/**
 * Every `code` an Onsite error response can carry, with the HTTP status it is sent with and what it
 * means. Clients branch on the code, never on the message; the server cannot throw a code that is
 * not here (`AppError` takes an `ErrorCode`), and the OpenAPI document lists them all (the
 * `Problem` schema's `code` enum, and the table atop /docs).
 *
 * `bad_request` is the one code whose status varies: it carries whatever 4xx status the framework
 * chose for a client error Onsite has no code of its own for.
 */
export const ERROR_CATALOGUE = {
  invalid_request: {
    status: 400,
    meaning: 'A path parameter, the query or the body failed validation; `errors` names each field.',
  },
  malformed_body: { status: 400, meaning: 'The body is not valid JSON, or is empty where JSON was announced.' },
  invalid_content_length: { status: 400, meaning: 'The body is not as long as its Content-Length says.' },
  body_not_allowed: { status: 400, meaning: 'This request may not carry a body.' },
  bad_url: { status: 400, meaning: 'The URL is not validly percent-encoded.' },
  bad_request: { status: 400, meaning: 'Another client error the HTTP framework refused; `status` says which.' },
  malformed_request: { status: 400, meaning: 'The request is not valid HTTP.' },
  invalid_cursor: { status: 400, meaning: 'The page cursor does not belong to this query; start again without it.' },
  invalid_idempotency_key: { status: 400, meaning: 'The Idempotency-Key is not 1–255 printable ASCII characters.' },
  weak_password: { status: 400, meaning: 'The new password is too short, too long, or too easy to guess.' },
  invalid_reset_token: { status: 400, meaning: 'The password-reset link is invalid, expired or already used.' },
  invalid_export_file: {
    status: 400,
    meaning: 'The import is not an Onsite export file; `errors` names each problem.',
  },
  invalid_time_zone: { status: 400, meaning: "The study plan's time zone is not an IANA name." },
  invalid_blend: { status: 400, meaning: "The study plan's blend is not two neighbouring levels." },
  interview_date_past: { status: 400, meaning: "The study plan's interview date is in the past." },
  language_not_offered: { status: 400, meaning: 'The lab is not offered in that language.' },
  lab_not_in_assessment: { status: 400, meaning: 'The lab is not part of this assessment.' },
  no_labs: { status: 400, meaning: 'There are no labs for the level asked for.' },
  levels_not_adjacent: { status: 400, meaning: "The mock interview's blend is not two adjacent levels." },
  field_not_for_item: { status: 400, meaning: 'The answer carries a field its item does not take.' },
  diagram_dangling_edge: { status: 400, meaning: 'An arrow of the diagram does not connect two boxes.' },
  empty_recording: { status: 400, meaning: 'The spoken answer uploaded has no audio.' },
  not_answerable: {
    status: 400,
    meaning: 'This item is not answered here (an online assessment is answered in its labs).',
  },
  unknown_signal: { status: 400, meaning: "A score names a signal the mock's levels do not have." },

  unauthenticated: { status: 401, meaning: 'Sign in, or send an API token, first.' },
  invalid_credentials: { status: 401, meaning: 'The email or password is incorrect.' },
  invalid_token: { status: 401, meaning: 'The API token is invalid or has been revoked.' },
  metrics_token_required: { status: 401, meaning: '/metrics needs `Authorization: Bearer <METRICS_TOKEN>`.' },

  forbidden: { status: 403, meaning: 'Only an admin may do this.' },
  csrf_failed: { status: 403, meaning: "A change came from another site, or without the session's CSRF token." },
  insufficient_scope: {
    status: 403,
    meaning: 'A read-only API token tried an operation that needs the `write` scope.',
  },
  sign_up_disabled: { status: 403, meaning: 'Sign-up exists only in hosted mode.' },
  session_required: { status: 403, meaning: 'API tokens are created only from a signed-in browser session.' },
  wrong_password: { status: 403, meaning: 'The password given to confirm this change is not the account’s.' },

  route_not_found: { status: 404, meaning: 'No route has this method and path.' },
  question_not_found: { status: 404, meaning: 'No question has this id.' },
  area_not_found: { status: 404, meaning: 'No area has this id.' },
  level_not_found: { status: 404, meaning: 'No level has this id.' },
  stage_not_found: {
    status: 404,
    meaning: 'No interview-stage guide has this id, or the mock has no stage at this index.',
  },
  lab_not_found: { status: 404, meaning: 'No lab has this slug.' },
  submission_not_found: { status: 404, meaning: 'You have no submission with this id.' },
  assessment_not_found: { status: 404, meaning: 'You have no assessment with this id.' },
  mock_not_found: { status: 404, meaning: 'You have no mock interview with this id.' },
  item_not_found: { status: 404, meaning: 'The mock interview has no item with this id.' },
  interview_not_found: { status: 404, meaning: 'The interviewer link is not valid (it may have been replaced).' },
  card_not_found: { status: 404, meaning: 'You have not studied this question yet.' },
  prompt_not_found: { status: 404, meaning: 'No recruiter-screen or behavioural prompt has this id.' },
  recording_not_found: { status: 404, meaning: 'You kept no recording with this id.' },
  token_not_found: { status: 404, meaning: 'You have no API token with this id.' },
  user_not_found: { status: 404, meaning: 'No user has this id.' },
  metrics_disabled: { status: 404, meaning: 'Metrics are off in hosted mode until METRICS_TOKEN is set.' },

  request_timeout: { status: 408, meaning: 'The request took too long to arrive.' },

  plan_required: { status: 409, meaning: 'Set up a study plan first.' },
  idempotency_conflict: {
    status: 409,
    meaning: 'The earlier request with this Idempotency-Key vanished mid-way; retry.',
  },
  idempotency_in_progress: { status: 409, meaning: 'A request with this Idempotency-Key is still being processed.' },
  idempotency_secret_not_replayed: {
    status: 409,
    meaning: 'The first request with this key succeeded; its one-time secret is not stored to replay.',
  },
  too_many_messages: { status: 409, meaning: 'The mock interview holds the most interviewer messages it can.' },
  assessment_over: { status: 409, meaning: 'The assessment has ended; its answers were already submitted.' },
  cannot_demote_self: { status: 409, meaning: 'An admin cannot remove their own admin role.' },
  cannot_delete_self: {
    status: 409,
    meaning: 'An admin deletes their own account from their settings, not the admin page.',
  },
  mock_busy: { status: 409, meaning: 'The mock interview is being changed by another request; retry.' },
  stage_not_current: { status: 409, meaning: 'Stages run in order: finish the current stage first.' },
  stage_not_started: { status: 409, meaning: 'Begin the stage first.' },
  stage_over: { status: 409, meaning: 'The stage has ended; its answers were graded as they stood.' },
  already_answered: { status: 409, meaning: 'This answer was already graded.' },
  no_follow_up: { status: 409, meaning: 'Answer the question before its follow-up.' },

  method_not_allowed: { status: 405, meaning: "A grading worker's probe server serves only GET." },

  payload_too_large: { status: 413, meaning: "The body is larger than the route's limit." },
  path_too_long: { status: 414, meaning: 'A path segment is too long.' },
  uri_too_long: { status: 414, meaning: 'The request URL is too long.' },
  unsupported_media_type: { status: 415, meaning: 'The body is not sent as a type this route reads (JSON).' },
  unsupported_audio_type: {
    status: 415,
    meaning: 'A spoken answer is not sent as audio/webm, ogg, mp4, mpeg or wav.',
  },
  host_not_allowed: { status: 421, meaning: 'A personal Onsite answers only requests addressed to localhost.' },
  idempotency_key_reused: { status: 422, meaning: 'This Idempotency-Key was already used with a different request.' },
  rate_limited: { status: 429, meaning: 'Too many requests; `Retry-After` says when to try again.' },
  headers_too_large: { status: 431, meaning: 'The request headers are too large.' },

  internal_error: { status: 500, meaning: 'Something failed on the server; it is logged with the request id.' },
  database_unavailable: {
    status: 503,
    meaning: 'The database is not reachable; `Retry-After` says when to try again.',
  },
  queue_unavailable: { status: 503, meaning: 'The grading queue is not reachable, so submissions cannot be enqueued.' },
  draining: { status: 503, meaning: 'The grading worker is shutting down and takes no new work.' },
  sandbox_unavailable: { status: 503, meaning: 'Labs cannot be graded on this server; everything else works.' },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** The HTTP status an error code is sent with. */
type ErrorStatus<C extends ErrorCode = ErrorCode> = (typeof ERROR_CATALOGUE)[C]['status'];

/** The codes sent with one status, so a factory such as `notFound` only accepts 404 codes. */
export type CodeOfStatus<S extends number> = {
  [C in ErrorCode]: ErrorStatus<C> extends S ? C : never;
}[ErrorCode];

export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as [ErrorCode, ...ErrorCode[]];

/** The catalogue as a Markdown table, for the OpenAPI document's description. */
export function errorCatalogueMarkdown(): string {
  const rows = ERROR_CODES.map(
    (code) => `| \`${code}\` | ${ERROR_CATALOGUE[code].status} | ${ERROR_CATALOGUE[code].meaning} |`,
  );
  return ['| code | status | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
