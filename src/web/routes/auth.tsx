import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../api.js';
import { ErrorMessage } from '../components/status.js';
import { useSession } from '../session.js';

function useSignedIn() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async (to = '/') => {
    await queryClient.invalidateQueries();
    navigate(to);
  };
}

export function SignInPage() {
  const session = useSession();
  const done = useSignedIn();
  const personal = session.data?.mode === 'personal';
  const signIn = useMutation({ mutationFn: api.signIn, onSuccess: () => done('/') });
  return (
    <div className="page narrow">
      <h1>{personal ? 'Unlock Onsite' : 'Sign in'}</h1>
      {personal ? <p className="muted">This Onsite has a password. Enter it to continue.</p> : null}
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          signIn.mutate({
            ...(personal ? {} : { email: String(data.get('email')) }),
            password: String(data.get('password')),
          });
        }}
      >
        {personal ? null : (
          <div className="field">
            <label htmlFor="email">Email</label>
            <input id="email" name="email" type="email" autoComplete="username" required />
          </div>
        )}
        <div className="field">
          <label htmlFor="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        {signIn.isError ? <ErrorMessage error={signIn.error} /> : null}
        <button className="button primary" type="submit" disabled={signIn.isPending}>
          Sign in
        </button>
      </form>
      {personal ? null : (
        <p>
          New here? <Link to="/sign-up">Create an account</Link> ·{' '}
          <Link to="/reset-password">Forgot your password?</Link>
        </p>
      )}
    </div>
  );
}

export function SignUpPage() {
  const done = useSignedIn();
  const signUp = useMutation({ mutationFn: api.signUp, onSuccess: () => done('/') });
  return (
    <div className="page narrow">
      <h1>Create your account</h1>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          signUp.mutate({
            displayName: String(data.get('displayName')),
            email: String(data.get('email')),
            password: String(data.get('password')),
          });
        }}
      >
        <div className="field">
          <label htmlFor="displayName">Name</label>
          <input id="displayName" name="displayName" autoComplete="name" required maxLength={80} />
        </div>
        <div className="field">
          <label htmlFor="email">Email</label>
          <input id="email" name="email" type="email" autoComplete="username" required />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            aria-describedby="password-help"
          />
          <small id="password-help" className="muted">
            At least 12 characters. A few unrelated words work well; common and breached passwords are refused.
          </small>
        </div>
        {signUp.isError ? <ErrorMessage error={signUp.error} /> : null}
        <button className="button primary" type="submit" disabled={signUp.isPending}>
          Create account
        </button>
      </form>
      <p>
        Already have an account? <Link to="/sign-in">Sign in</Link>
      </p>
    </div>
  );
}

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const [sent, setSent] = useState(false);
  const request = useMutation({ mutationFn: api.requestReset, onSuccess: () => setSent(true) });
  const confirm = useMutation({ mutationFn: (password: string) => api.confirmReset(token ?? '', password) });

  if (token) {
    return (
      <div className="page narrow">
        <h1>Choose a new password</h1>
        {confirm.isSuccess ? (
          <p role="status">
            Your password was changed and every session was signed out. <Link to="/sign-in">Sign in</Link>.
          </p>
        ) : (
          <form
            className="stack"
            onSubmit={(event) => {
              event.preventDefault();
              confirm.mutate(String(new FormData(event.currentTarget).get('password')));
            }}
          >
            <div className="field">
              <label htmlFor="password">New password</label>
              <input
                id="password"
                name="password"
                type="password"
                autoComplete="new-password"
                required
                minLength={12}
              />
            </div>
            {confirm.isError ? <ErrorMessage error={confirm.error} /> : null}
            <button className="button primary" type="submit" disabled={confirm.isPending}>
              Set password
            </button>
          </form>
        )}
      </div>
    );
  }
  return (
    <div className="page narrow">
      <h1>Reset your password</h1>
      {sent ? (
        <p role="status">
          If an account exists for that email, a reset link is on its way. Ask your Onsite administrator if it does not
          arrive.
        </p>
      ) : (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            request.mutate(String(new FormData(event.currentTarget).get('email')));
          }}
        >
          <div className="field">
            <label htmlFor="email">Email</label>
            <input id="email" name="email" type="email" autoComplete="username" required />
          </div>
          {request.isError ? <ErrorMessage error={request.error} /> : null}
          <button className="button primary" type="submit" disabled={request.isPending}>
            Send reset link
          </button>
        </form>
      )}
    </div>
  );
}
