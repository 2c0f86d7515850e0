/**
 * The account page and its sections. Past ~300 lines, kept as one file on purpose: each section
 * (password, tokens, sign out everywhere, import, delete) is its own component of under ~110 lines
 * with its own mutations, and none is used anywhere else.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { IMPORT_BODY_LIMIT, type ImportResult } from '../../shared/account-import.js';
import type { CreatedApiTokenDto } from '../../shared/api.js';
import { api } from '../api.js';
import { AiSettingsSection } from '../components/ai-settings.js';
import { ErrorMessage, Loading, QueryView } from '../components/status.js';
import { useSession } from '../session.js';
import { queryKeys } from '../queries.js';

/** Settings: password, sessions, API tokens, data export and import, and account deletion. */
export function AccountPage() {
  const session = useSession();
  if (session.isPending) return <Loading />;
  if (session.isError) return <ErrorMessage error={session.error} />;
  const user = session.data.user;
  if (!user) return <Navigate to="/sign-in" replace />;
  return (
    <div className="page narrow">
      <h1>Account</h1>
      <p className="muted">
        {user.isLocal ? 'Personal profile on this machine' : `${user.displayName} · ${user.email}`}
        {user.role === 'admin' ? ' · admin' : ''}
      </p>
      <PasswordSection hasPassword={user.hasPassword} />
      <TokensSection />
      <AiSettingsSection />
      <section aria-labelledby="sessions-heading" className="card stack">
        <h2 id="sessions-heading">Sessions</h2>
        <SignOutEverywhere />
      </section>
      <section aria-labelledby="data-heading" className="card stack">
        <h2 id="data-heading">Your data</h2>
        <p>Download everything Onsite stores about you as JSON.</p>
        <a className="button" href="/v1/me/export" download>
          Export my data
        </a>
        <ImportData />
        <DeleteAccount hasPassword={user.hasPassword} isLocal={user.isLocal} />
      </section>
    </div>
  );
}

function PasswordSection({ hasPassword }: { hasPassword: boolean }) {
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: api.changePassword,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.session }),
  });
  return (
    <section aria-labelledby="password-heading" className="card stack">
      <h2 id="password-heading">{hasPassword ? 'Change password' : 'Set a password'}</h2>
      {hasPassword ? null : (
        <p className="muted">Protect this Onsite with a password; you will be asked for it in new browser sessions.</p>
      )}
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const data = new FormData(form);
          change.mutate(
            {
              ...(hasPassword ? { currentPassword: String(data.get('currentPassword')) } : {}),
              newPassword: String(data.get('newPassword')),
            },
            { onSuccess: () => form.reset() },
          );
        }}
      >
        {hasPassword ? (
          <div className="field">
            <label htmlFor="currentPassword">Current password</label>
            <input
              id="currentPassword"
              name="currentPassword"
              type="password"
              autoComplete="current-password"
              required
            />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="newPassword">New password</label>
          <input
            id="newPassword"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
          />
        </div>
        {change.isError ? <ErrorMessage error={change.error} /> : null}
        {change.isSuccess ? <p role="status">Password saved. Other sessions were signed out.</p> : null}
        <button className="button" type="submit" disabled={change.isPending}>
          Save password
        </button>
      </form>
    </section>
  );
}

function TokensSection() {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: queryKeys.tokens, queryFn: api.tokens });
  const [created, setCreated] = useState<CreatedApiTokenDto | null>(null);
  const create = useMutation({
    mutationFn: api.createToken,
    onSuccess: async (token) => {
      setCreated(token);
      await queryClient.invalidateQueries({ queryKey: queryKeys.tokens });
    },
  });
  const revoke = useMutation({
    mutationFn: api.revokeToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
  return (
    <section aria-labelledby="tokens-heading" className="card stack">
      <h2 id="tokens-heading">API tokens</h2>
      <p className="muted">
        For scripts and the command line: send <code>Authorization: Bearer &lt;token&gt;</code>. Read tokens can only
        read.
      </p>
      {created ? (
        <div className="notice" role="status">
          <p>
            <strong>Copy your new token now</strong> — it will not be shown again.
          </p>
          <code className="secret" data-testid="new-token">
            {created.token}
          </code>
        </div>
      ) : null}
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const data = new FormData(form);
          create.mutate(
            { name: String(data.get('name')), scope: data.get('scope') === 'write' ? 'write' : 'read' },
            { onSuccess: () => form.reset() },
          );
        }}
      >
        <div className="field grow">
          <label htmlFor="token-name">Token name</label>
          <input id="token-name" name="name" required maxLength={80} placeholder="e.g. laptop CLI" />
        </div>
        <div className="field">
          <label htmlFor="token-scope">Scope</label>
          <select id="token-scope" name="scope" defaultValue="read">
            <option value="read">read</option>
            <option value="write">read and write</option>
          </select>
        </div>
        <button className="button primary" type="submit" disabled={create.isPending}>
          Create token
        </button>
      </form>
      {create.isError ? <ErrorMessage error={create.error} /> : null}
      <QueryView query={tokens}>
        {(data) =>
          data.length === 0 ? (
            <p className="muted">No tokens yet.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Scope</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.map((token) => (
                  <tr key={token.id}>
                    <td>{token.name}</td>
                    <td>{token.scope}</td>
                    <td>{new Date(token.createdAt).toLocaleDateString()}</td>
                    <td>{token.lastUsedAt ? new Date(token.lastUsedAt).toLocaleString() : 'never'}</td>
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => revoke.mutate(token.id)}
                        aria-label={`Revoke ${token.name}`}
                      >
                        Revoke
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </section>
  );
}

function SignOutEverywhere() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const all = useMutation({
    mutationFn: api.signOutEverywhere,
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      navigate('/');
    },
  });
  return (
    <>
      <p>Lost a device? End every session, including this one.</p>
      {all.isError ? <ErrorMessage error={all.error} /> : null}
      <button type="button" className="button" onClick={() => all.mutate()} disabled={all.isPending}>
        Sign out everywhere
      </button>
    </>
  );
}

/**
 * Deletes the account and everything it owns. The personal profile can be deleted too: Onsite then
 * starts over with an empty one. A ticked box (and the password, if there is one) guards the click.
 */
const SECTION_NAMES: Record<Exclude<keyof ImportResult, 'studyPlan'>, string> = {
  cards: 'Questions studied (schedule, marks and notes)',
  reviews: 'Answers in your history',
  labDrafts: 'Lab drafts',
};

/** Import an export file: pick it, send it, and show what changed or why it was refused. */
function ImportData() {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const run = useMutation({
    mutationFn: async (chosen: File) => api.importAccount(await chosen.text()),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  return (
    <form
      className="stack"
      aria-labelledby="import-heading"
      onSubmit={(event) => {
        event.preventDefault();
        if (file && !tooLarge) run.mutate(file);
      }}
    >
      <h3 id="import-heading">Import</h3>
      <p>
        Bring your progress from an export file — from this Onsite or another one. Your study plan is replaced by the
        file&apos;s; questions, answers and lab drafts are merged, the more recent of each kept. Importing the same file
        again changes nothing.
      </p>
      <div className="field">
        <label htmlFor="import-file">Export file (JSON, up to 8 MB)</label>
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          onChange={(event) => {
            const chosen = event.currentTarget.files?.[0] ?? null;
            setFile(chosen);
            setTooLarge(chosen !== null && chosen.size > IMPORT_BODY_LIMIT);
            run.reset();
          }}
        />
      </div>
      {tooLarge ? (
        <div className="error-box" role="alert">
          <p>This file is larger than 8 MB, more than an export holds. Choose the file “Export my data” downloaded.</p>
        </div>
      ) : null}
      {run.isError ? <ErrorMessage error={run.error} /> : null}
      {run.isSuccess ? (
        <div role="status" className="stack">
          <p>
            <strong>Imported.</strong>{' '}
            {run.data.studyPlan === 'replaced'
              ? 'Your study plan now comes from the file.'
              : run.data.studyPlan === 'unchanged'
                ? 'Your study plan was already the same.'
                : 'The file has no study plan; yours is unchanged.'}
          </p>
          <ul>
            {(Object.keys(SECTION_NAMES) as (keyof typeof SECTION_NAMES)[]).map((key) => (
              <li key={key}>
                {SECTION_NAMES[key]}: {run.data[key].imported} imported, {run.data[key].unchanged} already up to date
                {run.data[key].skipped ? `, ${run.data[key].skipped} skipped (not on this Onsite)` : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <button type="submit" className="button" disabled={!file || tooLarge || run.isPending}>
        {run.isPending ? 'Importing…' : 'Import'}
      </button>
    </form>
  );
}

function DeleteAccount({ hasPassword, isLocal }: { hasPassword: boolean; isLocal: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const remove = useMutation({
    mutationFn: api.deleteAccount,
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      navigate('/');
    },
  });
  return (
    <form
      className="stack danger-zone"
      onSubmit={(event) => {
        event.preventDefault();
        remove.mutate(hasPassword ? String(new FormData(event.currentTarget).get('password')) : undefined);
      }}
    >
      <h3>{isLocal ? 'Delete my data' : 'Delete account'}</h3>
      <p>
        {isLocal
          ? 'This erases your plan, answers, lab attempts, mock interviews and tokens from this machine, and Onsite starts over with an empty profile. Export first if you may want them. It cannot be undone.'
          : 'This removes your account and everything it owns. It cannot be undone.'}
      </p>
      <label className="choice">
        <input type="checkbox" name="confirm" required /> I understand that this cannot be undone
      </label>
      {hasPassword ? (
        <div className="field">
          <label htmlFor="delete-password">Password</label>
          <input id="delete-password" name="password" type="password" autoComplete="current-password" required />
        </div>
      ) : null}
      {remove.isError ? <ErrorMessage error={remove.error} /> : null}
      <button type="submit" className="button danger" disabled={remove.isPending}>
        {isLocal ? 'Delete my data' : 'Delete my account'}
      </button>
    </form>
  );
}
