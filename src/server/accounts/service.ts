import { createHash, randomBytes } from 'node:crypto';
import type { ApiTokenDto, AuditEventDto, CreatedApiTokenDto, MeDto, TokenScope, UserRole } from '../../shared/api.js';
import type { Db } from '../db/client.js';
import { invalid, unauthenticated, forbidden, notFound, conflict } from '../errors.js';
import { assertAcceptablePassword, hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './password.js';
import * as q from './queries.js';

/*
 * The rules of accounts: sessions, sign-up and sign-in, passwords and reset links, API tokens, the
 * export and deletion of an account, and the admin's user management. Past ~400 lines, kept as one
 * file for now: every change here ends or starts sessions and writes the audit log under the same
 * rules; the admin part (~60 lines) is the first to move beside admin-routes.ts if it grows.
 */

/**
 * Delivers password-reset links; the default writes them to the server log. A sign-up with an
 * address that already has an account also sends one: the owner learns of it by their own channel,
 * while the sign-up itself answers exactly as for a new address.
 */
export interface Mailer {
  sendPasswordReset(email: string, token: string): Promise<void>;
}

export interface AccountDeps {
  db: Db;
  mode: 'personal' | 'hosted';
  sessionTtlHours: number;
  now: () => Date;
  mailer: Mailer;
  /**
   * Runs work that must not delay — or, by its timing, reveal anything in — the response (mailing a
   * reset link). The default runs it detached and logs a failure; tests await it.
   */
  defer?: (task: () => Promise<void>) => void;
  /**
   * The personal-mode profile, kept in memory because every signed-out request in personal mode
   * needs it. Personal mode is one process and every change to the profile goes through this
   * module, which refreshes the copy, so it cannot go stale.
   */
  localProfile?: UserRow | undefined;
}

/** Who is acting, for the audit log and session metadata. */
export interface Actor {
  ip: string;
  userAgent?: string | undefined;
}

export interface NewSession {
  token: string;
  id: string;
  csrfToken: string;
  expiresAt: Date;
  /** Lifetime for the cookie, relative so that browser and server clocks need not agree. */
  maxAgeSeconds: number;
}

export type UserRow = q.UserRow;
const RESET_TTL_MS = 30 * 60_000;
const TOKEN_PREFIX = 'onsite_pat_';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const randomToken = () => randomBytes(32).toString('base64url');

const invalidCredentials = () => unauthenticated('invalid_credentials', 'The email or password is incorrect.');

export function toMe(user: UserRow): MeDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role === 'admin' ? 'admin' : 'user',
    isLocal: user.isLocal,
    hasPassword: user.passwordHash !== null,
    createdAt: user.createdAt.toISOString(),
  };
}

/** The personal-mode profile, created on first use; it is the admin of its own Onsite. */
export async function ensureLocalProfile(deps: AccountDeps): Promise<UserRow> {
  deps.localProfile ??=
    (await q.findLocalUser(deps.db)) ??
    (await q.insertUser(deps.db, { displayName: 'You', isLocal: true, role: 'admin' }));
  return deps.localProfile;
}

/** Starts a session: a fresh random token (only its hash is stored) and its own CSRF token. */
export async function createSession(deps: AccountDeps, user: UserRow, actor: Actor): Promise<NewSession> {
  const token = randomToken();
  const session = {
    id: sha256(token),
    csrfToken: randomToken(),
    expiresAt: new Date(deps.now().getTime() + deps.sessionTtlHours * 3_600_000),
  };
  // Header values cannot carry NUL over real HTTP, but the stored copy must not depend on that.
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const userAgent = actor.userAgent?.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 300);
  await q.insertSession(deps.db, { ...session, userId: user.id, userAgent });
  return { token, ...session, maxAgeSeconds: deps.sessionTtlHours * 3600 };
}

export async function resolveSession(deps: AccountDeps, token: string) {
  return q.findLiveSession(deps.db, sha256(token), deps.now());
}

export async function resolveApiToken(deps: AccountDeps, token: string) {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const found = await q.findActiveToken(deps.db, sha256(token));
  if (found) await q.touchToken(deps.db, found.token.id, deps.now());
  return found;
}

/**
 * Creates an account. The caller learns nothing about whether the address was free: both branches
 * do the same argon2 work and a comparable pair of writes and answer alike (the route says 202);
 * for an address that already has an account, its owner is sent a password-reset link instead —
 * the usual channel — and nothing else changes. The new user then signs in.
 */
export async function signUp(
  deps: AccountDeps,
  input: { email: string; password: string; displayName: string },
  actor: Actor,
): Promise<void> {
  if (deps.mode !== 'hosted') {
    throw forbidden(
      'sign_up_disabled',
      'Sign-up is only available in hosted mode; personal mode uses the local profile.',
    );
  }
  assertAcceptablePassword(input.password, [input.email, input.displayName]);
  const passwordHash = await hashPassword(input.password);
  // Both branches read twice and write twice, so their timing does not tell them apart.
  const existing = await q.findUserByEmail(deps.db, input.email);
  const firstUser = (await q.countUsers(deps.db)) === 0;
  if (existing) {
    await issuePasswordReset(deps, { user: existing, event: 'auth.sign_up_existing' }, actor);
    return;
  }
  const user = await q.insertUser(deps.db, {
    email: input.email,
    displayName: input.displayName,
    passwordHash,
    role: firstUser ? 'admin' : 'user',
  });
  await audit(
    deps,
    { event: 'user.signed_up', actorUserId: user.id, subjectUserId: user.id, details: { firstUser } },
    actor,
  );
}

/**
 * Checks credentials and starts a new session. Unknown accounts cost the same argon2 work as a
 * wrong password and get the same answer, so neither the response nor its timing reveals which
 * emails have accounts. Hashes made with older parameters are upgraded on the way through.
 */
export async function signIn(
  deps: AccountDeps,
  input: { email?: string | undefined; password: string },
  actor: Actor,
): Promise<{ user: UserRow; session: NewSession }> {
  const user =
    deps.mode === 'personal'
      ? await ensureLocalProfile(deps)
      : input.email
        ? await q.findUserByEmail(deps.db, input.email)
        : undefined;
  const ok = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!user || !ok) {
    await audit(
      deps,
      {
        event: 'auth.sign_in_failed',
        actorUserId: null,
        subjectUserId: user?.id ?? null,
        details: { email: input.email ?? null },
      },
      actor,
    );
    throw invalidCredentials();
  }
  if (user.passwordHash && needsRehash(user.passwordHash)) {
    const rehashed = await q.updateUser(deps.db, user.id, { passwordHash: await hashPassword(input.password) });
    if (rehashed?.isLocal) deps.localProfile = rehashed;
  }
  await audit(deps, { event: 'auth.signed_in', actorUserId: user.id, subjectUserId: user.id }, actor);
  return { user, session: await createSession(deps, user, actor) };
}

export async function signOut(deps: AccountDeps, sessionId: string): Promise<void> {
  await q.deleteSession(deps.db, sessionId);
}

/**
 * Ends every session **and** revokes every API token of the user: after "sign out everywhere", a
 * password change or a reset, nothing an attacker may have obtained earlier still works.
 */
export async function signOutEverywhere(deps: AccountDeps, user: UserRow, actor: Actor): Promise<void> {
  const ended = await endAllAccess(deps, user.id);
  await audit(
    deps,
    { event: 'auth.signed_out_everywhere', actorUserId: user.id, subjectUserId: user.id, details: ended },
    actor,
  );
}

async function endAllAccess(deps: AccountDeps, userId: string): Promise<{ sessions: number; tokens: number }> {
  const sessions = await q.deleteSessionsOfUser(deps.db, userId);
  const tokens = await q.revokeTokensOfUser(deps.db, userId, deps.now());
  return { sessions, tokens };
}

/**
 * Sets or changes the password; every session ends and every API token is revoked, and the caller
 * gets a new session.
 */
export async function changePassword(
  deps: AccountDeps,
  { user, ...input }: { user: UserRow; currentPassword?: string | undefined; newPassword: string },
  actor: Actor,
): Promise<NewSession> {
  if (
    user.passwordHash &&
    !(input.currentPassword && (await verifyPassword(user.passwordHash, input.currentPassword)))
  ) {
    throw forbidden('wrong_password', 'The current password is incorrect.');
  }
  assertAcceptablePassword(input.newPassword, [user.email ?? '', user.displayName]);
  const updated = await q.updateUser(deps.db, user.id, { passwordHash: await hashPassword(input.newPassword) });
  if (!updated) throw notFound('user_not_found', 'No such user.');
  if (updated.isLocal) deps.localProfile = updated;
  const ended = await endAllAccess(deps, user.id);
  await audit(
    deps,
    {
      event: user.passwordHash ? 'auth.password_changed' : 'auth.password_set',
      actorUserId: user.id,
      subjectUserId: user.id,
      details: ended,
    },
    actor,
  );
  return createSession(deps, updated, actor);
}

/**
 * Always succeeds from the caller's view, whether or not the email has an account, and in the same
 * time: the lookup, the link and the mail all happen after the response (see `defer`).
 */
export function requestPasswordReset(deps: AccountDeps, email: string, actor: Actor): void {
  defer(deps, async () => {
    const user = await q.findUserByEmail(deps.db, email);
    if (user) await issuePasswordReset(deps, { user, event: 'auth.password_reset_requested' }, actor);
  });
}

/** Stores a new single-use reset link for the user and mails it (after the response). */
async function issuePasswordReset(
  deps: AccountDeps,
  { user, event }: { user: UserRow; event: string },
  actor: Actor,
): Promise<void> {
  const token = randomToken();
  await q.insertPasswordReset(deps.db, {
    tokenHash: sha256(token),
    userId: user.id,
    expiresAt: new Date(deps.now().getTime() + RESET_TTL_MS),
  });
  await audit(deps, { event, actorUserId: null, subjectUserId: user.id }, actor);
  const email = user.email;
  if (email) defer(deps, () => deps.mailer.sendPasswordReset(email, token));
}

function defer(deps: AccountDeps, task: () => Promise<void>): void {
  if (deps.defer) return deps.defer(task);
  setImmediate(() => void task().catch(() => {}));
}

const invalidResetToken = () =>
  invalid('invalid_reset_token', 'This reset link is invalid, expired or already used. Request a new one.');

/**
 * Sets a new password with a reset link. A password the policy refuses leaves the link usable, so
 * the person can try another; success uses the link, voids every other outstanding link of the
 * account, ends every session and revokes every API token.
 */
export async function confirmPasswordReset(
  deps: AccountDeps,
  { token, newPassword }: { token: string; newPassword: string },
  actor: Actor,
): Promise<void> {
  const tokenHash = sha256(token);
  const userId = await q.findLivePasswordReset(deps.db, tokenHash, deps.now());
  const user = userId ? await q.findUserById(deps.db, userId) : undefined;
  if (!user) throw invalidResetToken();
  assertAcceptablePassword(newPassword, [user.email ?? '', user.displayName]);
  const passwordHash = await hashPassword(newPassword);
  // Consuming is the atomic step: of two requests racing with one link, only one gets here.
  if ((await q.consumePasswordReset(deps.db, tokenHash, deps.now())) !== user.id) throw invalidResetToken();
  await q.updateUser(deps.db, user.id, { passwordHash });
  await q.voidPasswordResetsOfUser(deps.db, user.id, deps.now());
  const ended = await endAllAccess(deps, user.id);
  await audit(
    deps,
    { event: 'auth.password_reset', actorUserId: user.id, subjectUserId: user.id, details: ended },
    actor,
  );
}

export async function createApiToken(
  deps: AccountDeps,
  { user, ...input }: { user: UserRow; name: string; scope: TokenScope },
  actor: Actor,
): Promise<CreatedApiTokenDto> {
  const token = TOKEN_PREFIX + randomToken();
  const row = await q.insertApiToken(deps.db, {
    userId: user.id,
    name: input.name,
    scope: input.scope,
    tokenHash: sha256(token),
  });
  await audit(
    deps,
    {
      event: 'token.created',
      actorUserId: user.id,
      subjectUserId: user.id,
      details: { tokenId: row.id, scope: input.scope },
    },
    actor,
  );
  return { ...toTokenDto(row), token };
}

export async function listApiTokens(deps: AccountDeps, user: UserRow): Promise<ApiTokenDto[]> {
  return (await q.listTokensOfUser(deps.db, user.id)).map(toTokenDto);
}

export async function revokeApiToken(
  deps: AccountDeps,
  { user, tokenId }: { user: UserRow; tokenId: string },
  actor: Actor,
): Promise<void> {
  if (!(await q.revokeTokenOfUser(deps.db, user.id, tokenId, deps.now()))) {
    throw notFound('token_not_found', 'No such token.');
  }
  await audit(
    deps,
    { event: 'token.revoked', actorUserId: user.id, subjectUserId: user.id, details: { tokenId } },
    actor,
  );
}

/** Where each user-owned table appears in the export (a test holds this to the database catalogue). */
export const EXPORT_SECTIONS: Record<(typeof q.USER_TABLES)[number], string> = {
  users: 'user',
  sessions: 'sessions',
  api_tokens: 'apiTokens',
  password_resets: 'passwordResets',
  idempotency_keys: 'idempotencyKeys',
  question_reports: 'questionReports',
  audit_events: 'auditEvents',
  study_plans: 'studyPlan',
  cards: 'cards',
  reviews: 'reviews',
  lab_drafts: 'labDrafts',
  lab_assessments: 'labAssessments',
  lab_submissions: 'labSubmissions',
  mock_interviews: 'mockInterviews',
  ai_consents: 'aiConsent',
  ai_usage: 'aiUsage',
  spoken_recordings: 'spokenRecordings',
};

/**
 * Everything Onsite stores about the user — a section per user-owned table — secrets excepted:
 * password, session, token, reset-link and interviewer-link hashes are never exported. Kept
 * recordings are listed with their size, transcript and the URL that plays them back, not their
 * audio: an export stays under the import limit however much was recorded.
 */
export async function exportAccount(deps: AccountDeps, user: UserRow) {
  const data = await q.selectUserData(deps.db, user.id);
  return {
    exportedAt: deps.now().toISOString(),
    user: toMe(user),
    sessions: data.sessions.map((s) => ({
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      expiresAt: s.expiresAt,
      userAgent: s.userAgent,
    })),
    apiTokens: data.tokens.map((t) => ({ ...toTokenDto(t), revokedAt: t.revokedAt?.toISOString() ?? null })),
    passwordResets: data.resets.map((r) => ({ createdAt: r.createdAt, expiresAt: r.expiresAt, usedAt: r.usedAt })),
    idempotencyKeys: data.idempotencyKeys.map((k) => ({
      key: k.key,
      status: k.status,
      createdAt: k.createdAt,
      response: k.body,
    })),
    questionReports: data.reports.map((r) => ({
      id: r.id,
      questionId: r.questionId,
      kind: r.kind,
      message: r.message,
      createdAt: r.createdAt,
    })),
    auditEvents: data.audit.map(toAuditDto),
    studyPlan: data.plan && { ...data.plan, userId: undefined },
    cards: data.cards.map(({ userId: _userId, ...card }) => card),
    reviews: data.reviews.map(({ userId: _userId, ...review }) => review),
    labDrafts: data.drafts.map(({ userId: _userId, ...draft }) => draft),
    labAssessments: data.assessments.map(({ userId: _userId, ...assessment }) => assessment),
    labSubmissions: data.submissions.map(({ userId: _userId, ...submission }) => submission),
    mockInterviews: data.mocks.map(({ userId: _userId, interviewerTokenHash, ...mock }) => ({
      ...mock,
      shared: interviewerTokenHash !== null,
      followUps: data.followUps.filter((f) => f.mockId === mock.id).map(({ mockId: _mockId, ...followUp }) => followUp),
    })),
    aiConsent: data.aiConsent && { choice: data.aiConsent.choice, decidedAt: data.aiConsent.decidedAt },
    aiUsage: data.aiUsage.map(({ userId: _userId, ...day }) => day),
    spokenRecordings: data.recordings.map((recording) => ({
      ...recording,
      audioUrl: `/v1/speech/recordings/${recording.id}/audio`,
    })),
  };
}

/** Deletes the account and, by cascade, everything it owns. Needs the password if one is set. */
export async function deleteAccount(
  deps: AccountDeps,
  { user, password }: { user: UserRow; password?: string | undefined },
  actor: Actor,
): Promise<void> {
  if (user.passwordHash && !(password && (await verifyPassword(user.passwordHash, password)))) {
    throw forbidden('wrong_password', 'The password is incorrect.');
  }
  await audit(
    deps,
    { event: 'user.deleted', actorUserId: null, subjectUserId: null, details: { userId: user.id } },
    actor,
  );
  await q.deleteIdempotencyKeysOf(deps.db, user.id);
  await q.deleteUser(deps.db, user.id);
  if (user.isLocal) deps.localProfile = undefined;
}

export async function listUsersForAdmin(deps: AccountDeps): Promise<MeDto[]> {
  return (await q.listUsers(deps.db)).map(toMe);
}

export async function setUserRole(
  deps: AccountDeps,
  { admin, userId, role }: { admin: UserRow; userId: string; role: UserRole },
  actor: Actor,
): Promise<MeDto> {
  if (userId === admin.id && role !== 'admin') {
    throw conflict('cannot_demote_self', 'You cannot remove your own admin role; ask another admin.');
  }
  const updated = (await q.findUserById(deps.db, userId)) && (await q.updateUser(deps.db, userId, { role }));
  if (!updated) throw notFound('user_not_found', 'No such user.');
  await audit(
    deps,
    { event: 'user.role_changed', actorUserId: admin.id, subjectUserId: userId, details: { role } },
    actor,
  );
  return toMe(updated);
}

export async function deleteUserAsAdmin(
  deps: AccountDeps,
  { admin, userId }: { admin: UserRow; userId: string },
  actor: Actor,
): Promise<void> {
  if (userId === admin.id) throw conflict('cannot_delete_self', 'Delete your own account from your settings.');
  await audit(
    deps,
    { event: 'user.deleted_by_admin', actorUserId: admin.id, subjectUserId: null, details: { userId } },
    actor,
  );
  if (!(await q.deleteUser(deps.db, userId))) throw notFound('user_not_found', 'No such user.');
}

export async function listAuditEvents(deps: AccountDeps, limit: number): Promise<AuditEventDto[]> {
  return (await q.listAuditEvents(deps.db, limit)).map(toAuditDto);
}

async function audit(
  deps: AccountDeps,
  {
    event,
    actorUserId,
    subjectUserId,
    details = {},
  }: { event: string; actorUserId: string | null; subjectUserId: string | null; details?: Record<string, unknown> },
  actor: Actor,
) {
  await q.insertAuditEvent(deps.db, { event, actorUserId, subjectUserId, ip: actor.ip, details });
}

function toTokenDto(row: q.ApiTokenRow): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope === 'write' ? 'write' : 'read',
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

function toAuditDto(row: Awaited<ReturnType<typeof q.listAuditEvents>>[number]): AuditEventDto {
  return { ...row, at: row.at.toISOString() };
}
