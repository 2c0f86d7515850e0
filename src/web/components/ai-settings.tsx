import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AiStatusDto } from '../../shared/ai.js';
import { api } from '../api.js';
import { queryKeys } from '../queries.js';
import { ErrorMessage } from './status.js';

/**
 * A change to the AI layer's status (the user's consent, the admin switch) whose answer replaces
 * the cached status, so every page that shows it agrees at once. The drill asks consent through
 * it too, then grades again (`mutate(choice, { onSuccess })`).
 */
export function useAiStatusChange<T>(change: (value: T) => Promise<AiStatusDto>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (next) => queryClient.setQueryData(queryKeys.aiStatus, next),
  });
}

/** The AI layer's status, and a change to it whose answer replaces it. */
function useAiStatus<T>(change: (value: T) => Promise<AiStatusDto>) {
  const status = useQuery({ queryKey: queryKeys.aiStatus, queryFn: api.aiStatus });
  return { status, mutation: useAiStatusChange(change) };
}

/**
 * Account → AI review: where answers go when the AI layer is on, the user's choice to send them or
 * not, and today's token use. Shown only when the server has an AI provider configured.
 */
export function AiSettingsSection() {
  const { status, mutation: choose } = useAiStatus(api.setAiConsent);
  if (!status.data?.configured) return null;
  const s = status.data;
  return (
    <section aria-labelledby="ai-heading" className="card stack" data-testid="ai-settings">
      <h2 id="ai-heading">AI review</h2>
      {s.available ? (
        <>
          <p>
            Typed answers can also be reviewed by the model <strong>{s.model}</strong> at <strong>{s.provider}</strong>:
            the question, its rubric and your answer are sent there. The offline feedback is always shown too.
          </p>
          <p className="small muted">
            {s.consent === 'declined'
              ? 'You opted out: nothing of yours is sent.'
              : s.consent === 'accepted' || !s.consentRequired
                ? `On. Today: ${s.usedToday} of ${s.dailyTokens} tokens used.`
                : 'You have not chosen yet: nothing is sent until you agree.'}
          </p>
          <div className="choice-row">
            {s.consent === 'declined' || s.consentRequired ? (
              <button
                type="button"
                className="button"
                disabled={choose.isPending}
                onClick={() => choose.mutate('accepted')}
              >
                Send my answers for AI review
              </button>
            ) : null}
            {s.consent !== 'declined' ? (
              <button
                type="button"
                className="button"
                disabled={choose.isPending}
                onClick={() => choose.mutate('declined')}
              >
                Opt out of AI review
              </button>
            ) : null}
          </div>
        </>
      ) : (
        <p className="muted">An admin has not turned AI review on for this server.</p>
      )}
      {choose.isError ? <ErrorMessage error={choose.error} /> : null}
    </section>
  );
}

/** Admin → AI review: the switch that lets any answer leave the server for the configured provider. */
export function AiSwitchSection() {
  const { status, mutation: toggle } = useAiStatus(api.setAiSwitch);
  if (!status.data?.configured) return null;
  const s = status.data;
  return (
    <section aria-labelledby="ai-switch-heading" data-testid="ai-switch">
      <h2 id="ai-switch-heading">AI review</h2>
      <p>
        Provider <strong>{s.provider}</strong>, model <strong>{s.model}</strong>, {s.dailyTokens} tokens per user per
        day. {s.enabled ? 'On: each user is asked before their first answer is sent.' : 'Off: nothing is sent.'}
      </p>
      <button type="button" className="button" disabled={toggle.isPending} onClick={() => toggle.mutate(!s.enabled)}>
        {s.enabled ? 'Turn AI review off' : 'Turn AI review on'}
      </button>
      {toggle.isError ? <ErrorMessage error={toggle.error} /> : null}
    </section>
  );
}
