import { useQuery } from '@tanstack/react-query';
import type { SubmissionDto } from '../../shared/labs.js';
import { api } from '../api.js';
import { LANGUAGE_LABELS, TEST_VERDICT_LABELS } from '../labels.js';
import { queryKeys } from '../queries.js';
import { submissionHeadline } from './lab-results.js';
import { ErrorMessage } from './status.js';

/**
 * The user's recorded attempts at a lab, newest first: each one's result can be shown again in
 * the workspace, or its code restored into the editor.
 */
export function AttemptHistory({
  slug,
  onShow,
  onRestore,
}: {
  slug: string;
  onShow: (attempt: SubmissionDto) => void;
  onRestore: (attempt: SubmissionDto) => void;
}) {
  const attempts = useQuery({ queryKey: queryKeys.attempts(slug), queryFn: () => api.attempts(slug) });
  return (
    <section className="attempts" aria-labelledby="attempts-heading">
      <h2 id="attempts-heading">Your attempts</h2>
      {attempts.isError ? <ErrorMessage error={attempts.error} /> : null}
      {attempts.data?.length === 0 ? <p className="muted">No submissions yet. Submit to record an attempt.</p> : null}
      {attempts.data?.length ? (
        <table className="table stack-on-phone">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Language</th>
              <th scope="col">Result</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {attempts.data.map((attempt) => {
              const firstFailure = attempt.result?.tests.find((t) => t.verdict !== 'passed');
              return (
                <tr key={attempt.id}>
                  <td data-label="When">{new Date(attempt.createdAt).toLocaleString()}</td>
                  <td data-label="Language">{LANGUAGE_LABELS[attempt.language]}</td>
                  <td data-label="Result">
                    {submissionHeadline(attempt)}
                    {firstFailure ? ` (${TEST_VERDICT_LABELS[firstFailure.verdict].toLowerCase()})` : ''}
                  </td>
                  <td className="actions">
                    <button type="button" className="link-button" onClick={() => onShow(attempt)}>
                      Show results
                    </button>{' '}
                    <button type="button" className="link-button" onClick={() => onRestore(attempt)}>
                      Restore code
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
