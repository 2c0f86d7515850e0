import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { STAGE_IDS, type LevelId, type StageId } from '../../shared/ids.js';
import type { MockSummary } from '../../shared/mocks.js';
import { api } from '../api.js';
import { CODING_STAGES_NOTE, GradingBanner } from '../components/grading-banner.js';
import { ErrorMessage, QueryView } from '../components/status.js';
import { LEVEL_LABELS } from '../labels.js';
import { queryKeys } from '../queries.js';

const LEVEL_CHOICES: { label: string; levels: LevelId[] }[] = [
  { label: 'Junior', levels: ['junior'] },
  { label: 'Between junior and mid', levels: ['junior', 'mid'] },
  { label: 'Mid-level', levels: ['mid'] },
  { label: 'Between mid and senior', levels: ['mid', 'senior'] },
  { label: 'Senior / Lead', levels: ['senior'] },
];

const LINE_COLOURS = ['#2f5bd3', '#1f9d63', '#c98a12', '#8a5cc9', '#c0392b', '#16a2b8', '#7f8c8d'];

/** Start a mock (the full loop or chosen stages) and compare past scorecards over time. */
export function MocksPage() {
  const navigate = useNavigate();
  const [choice, setChoice] = useState(2);
  // "Rehearse this stage" on the stages guide arrives with ?stage=…, preselecting just that stage.
  const requested = useSearchParams()[0].get('stage');
  const [stages, setStages] = useState<StageId[]>(() =>
    STAGE_IDS.includes(requested as StageId) ? [requested as StageId] : [...STAGE_IDS],
  );
  const stageList = useQuery({ queryKey: queryKeys.stages, queryFn: api.stages });
  const past = useQuery({ queryKey: queryKeys.mocks, queryFn: api.mocks });
  const start = useMutation({
    mutationFn: () => api.startMock({ levels: LEVEL_CHOICES[choice]!.levels, stages }),
    onSuccess: (mock) => navigate(`/mocks/${mock.id}`),
  });

  return (
    <div className="page">
      <h1>Mock interviews</h1>
      <p className="lead">
        Rehearse the whole loop — recruiter screen, timed online assessment, technical round, behavioural and the
        system-design onsite — or one stage. Each stage has its own timer; you can reload or come back later without
        losing anything. At the end, a scorecard rates each signal a panel looks for, with the evidence behind it.
      </p>
      <GradingBanner>{CODING_STAGES_NOTE}</GradingBanner>
      <form
        className="card stack"
        onSubmit={(event) => {
          event.preventDefault();
          start.mutate();
        }}
      >
        <fieldset>
          <legend>Level</legend>
          {LEVEL_CHOICES.map((option, i) => (
            <label key={option.label} className="choice">
              <input type="radio" name="level" checked={choice === i} onChange={() => setChoice(i)} /> {option.label}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Stages</legend>
          {(stageList.data ?? []).map((stage) => (
            <label key={stage.id} className="choice">
              <input
                type="checkbox"
                checked={stages.includes(stage.id)}
                onChange={(e) =>
                  setStages(
                    e.target.checked
                      ? STAGE_IDS.filter((id) => id === stage.id || stages.includes(id))
                      : stages.filter((id) => id !== stage.id),
                  )
                }
              />{' '}
              {stage.name}
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit" className="button primary" disabled={start.isPending || stages.length === 0}>
            {stages.length === STAGE_IDS.length ? 'Start the full loop' : 'Start these stages'}
          </button>
        </div>
        {start.isError ? <ErrorMessage error={start.error} /> : null}
      </form>

      <h2>Your mock interviews</h2>
      <QueryView query={past}>
        {(items) =>
          items.length === 0 ? (
            <p className="muted">None yet.</p>
          ) : (
            <>
              <ScoreChart items={items} />
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Started</th>
                    <th scope="col">Level</th>
                    <th scope="col">Stages</th>
                    <th scope="col">Overall</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((m) => (
                    <tr key={m.id}>
                      <td>
                        <Link to={`/mocks/${m.id}`}>{new Date(m.createdAt).toLocaleString()}</Link>
                      </td>
                      <td>{m.levels.map((l) => LEVEL_LABELS[l]).join(' / ')}</td>
                      <td>{m.stages.length === STAGE_IDS.length ? 'Full loop' : `${m.stages.length} stage(s)`}</td>
                      <td>{m.finishedAt ? `${m.overall ?? 0}%` : 'In progress'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )
        }
      </QueryView>
    </div>
  );
}

/** Overall score and each signal's rating (scaled to %) across finished mocks, oldest first. */
function ScoreChart({ items }: { items: MockSummary[] }) {
  const finished = items.filter((m) => m.finishedAt).reverse();
  if (finished.length === 0) return null;
  const signalNames = [...new Set(finished.flatMap((m) => m.signals.map((s) => s.name)))];
  const data = finished.map((m) => ({
    when: new Date(m.createdAt).toLocaleDateString(),
    Overall: m.overall,
    ...Object.fromEntries(
      m.signals.filter((s) => s.rating !== null).map((s) => [s.name, Math.round((s.rating! / 4) * 100)]),
    ),
  }));
  return (
    <div className="chart card" role="img" aria-label="Scorecards over time: overall score and signal ratings">
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="when" fontSize={11} />
          <YAxis domain={[0, 100]} unit="%" fontSize={12} />
          <Tooltip />
          <Legend />
          <Line type="monotone" dataKey="Overall" stroke="#1d1f23" strokeWidth={3} dot />
          {signalNames.map((name, i) => (
            <Line
              key={name}
              type="monotone"
              dataKey={name}
              stroke={LINE_COLOURS[i % LINE_COLOURS.length]}
              strokeDasharray="4 3"
              connectNulls
              dot={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
