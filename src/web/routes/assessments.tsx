import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { LEVEL_IDS, type LevelId } from '../../shared/ids.js';
import { api } from '../api.js';
import { GRADING_OFF_REASON, GradingBanner, useGradingUnavailable } from '../components/grading-banner.js';
import { ErrorMessage, QueryView } from '../components/status.js';
import { LEVEL_LABELS } from '../labels.js';
import { queryKeys } from '../queries.js';

/** Start a timed assessment (an online-assessment simulation) and see past ones. */
export function AssessmentsPage() {
  const navigate = useNavigate();
  const [level, setLevel] = useState<LevelId>('mid');
  const [count, setCount] = useState(2);
  const [minutes, setMinutes] = useState('');
  const past = useQuery({ queryKey: queryKeys.assessments, queryFn: api.assessments });
  const gradingOff = useGradingUnavailable() !== null;
  const start = useMutation({
    // The server picks the labs, varying them from one assessment to the next.
    mutationFn: () => api.startAssessment({ level, count, ...(minutes ? { minutes: Number(minutes) } : {}) }),
    onSuccess: (assessment) => navigate(`/assessments/${assessment.id}`),
  });

  return (
    <div className="page">
      <h1>Timed assessment</h1>
      <p className="lead">
        The online-assessment stage, rehearsed: a set of labs under one countdown. Run the examples as often as you
        like; submit each lab when ready. At zero, whatever is in your editors is submitted for you.
      </p>
      <GradingBanner>A timed assessment cannot start until then.</GradingBanner>
      <form
        className="card form-card"
        onSubmit={(event) => {
          event.preventDefault();
          if (!gradingOff) start.mutate();
        }}
      >
        <div className="field">
          <label htmlFor="oa-level">Level</label>
          <select id="oa-level" value={level} onChange={(e) => setLevel(e.target.value as LevelId)}>
            {LEVEL_IDS.map((id) => (
              <option key={id} value={id}>
                {LEVEL_LABELS[id]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="oa-count">Labs</label>
          <select id="oa-count" value={count} onChange={(e) => setCount(Number(e.target.value))}>
            {[1, 2, 3].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="oa-minutes">Minutes (optional)</label>
          <input
            id="oa-minutes"
            type="number"
            min={1}
            max={240}
            value={minutes}
            placeholder="sum of the labs' limits"
            onChange={(e) => setMinutes(e.target.value)}
          />
        </div>
        <button
          type="submit"
          className="button primary"
          disabled={start.isPending || gradingOff}
          {...(gradingOff ? { 'aria-describedby': 'start-off-reason' } : {})}
        >
          {start.isPending ? 'Starting…' : 'Start the countdown'}
        </button>
        {gradingOff ? (
          <p id="start-off-reason" className="muted small">
            {GRADING_OFF_REASON}
          </p>
        ) : null}
        {start.isError ? <ErrorMessage error={start.error} /> : null}
      </form>

      <h2>Past assessments</h2>
      <QueryView query={past}>
        {(items) =>
          items.length === 0 ? (
            <p className="muted">None yet.</p>
          ) : (
            <table className="table stack-on-phone">
              <thead>
                <tr>
                  <th scope="col">Started</th>
                  <th scope="col">Labs</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {items.map((a) => (
                  <tr key={a.id}>
                    <td data-label="Started">
                      <Link to={`/assessments/${a.id}`}>{new Date(a.startedAt).toLocaleString()}</Link>
                    </td>
                    <td data-label="Labs">{a.labs.map((lab) => lab.title).join(', ')}</td>
                    <td data-label="Result">
                      {a.finishedAt
                        ? a.score === null
                          ? 'Grading…'
                          : `${a.score}%${a.autoSubmitted ? ' (auto-submitted at zero)' : ''}`
                        : 'In progress'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </div>
  );
}
