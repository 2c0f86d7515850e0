import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { LabDetail, LabLanguage } from '../../shared/labs.js';
import { api } from '../api.js';
import { LANGUAGE_LABELS } from '../labels.js';
import { queryKeys } from '../queries.js';
import { ErrorMessage } from './status.js';

/** Offered freely after a pass; before one, it asks the candidate to confirm the spoiler. */
export function ReferenceSolution({
  lab,
  language,
  passed,
}: {
  lab: LabDetail;
  language: LabLanguage;
  passed: boolean;
}) {
  const [state, setState] = useState<'hidden' | 'confirm' | 'shown'>('hidden');
  const solution = useQuery({
    queryKey: queryKeys.solution(lab.slug, language),
    queryFn: () => api.solution(lab.slug, language),
    enabled: state === 'shown',
  });
  return (
    <section className="reference" aria-labelledby="reference-heading">
      <h2 id="reference-heading">Reference solution</h2>
      {state === 'shown' ? (
        solution.isError ? (
          <ErrorMessage error={solution.error} />
        ) : (
          <pre className="code-block" aria-label={`Reference solution in ${LANGUAGE_LABELS[language]}`}>
            {solution.data?.code ?? 'Loading…'}
          </pre>
        )
      ) : state === 'confirm' ? (
        <p>
          Seeing the answer before you solve it spoils the lab.{' '}
          <button type="button" className="button small" onClick={() => setState('shown')}>
            Show it anyway
          </button>{' '}
          <button type="button" className="link-button" onClick={() => setState('hidden')}>
            Keep trying
          </button>
        </p>
      ) : (
        <p>
          {passed ? 'You solved this lab — compare your code with ours. ' : null}
          <button type="button" className="button small" onClick={() => setState(passed ? 'shown' : 'confirm')}>
            Show the reference solution
          </button>
        </p>
      )}
    </section>
  );
}
