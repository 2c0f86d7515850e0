import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PlanBody, PlanDto } from '../../shared/api.js';
import { LEVEL_IDS, type LevelId } from '../../shared/ids.js';
import { ApiError, api } from '../api.js';
import { ErrorMessage, Loading } from '../components/status.js';
import { LEVEL_LABELS } from '../labels.js';
import { queryKeys } from '../queries.js';

const STACK = [
  ['nodejs', 'Node.js'],
  ['spring', 'Spring'],
  ['django', 'Django'],
  ['rails', 'Rails'],
  ['dotnet', '.NET'],
] as const;

/** Onboarding and plan settings in one form, with where the plan stands beside it. */
export function PlanPage() {
  const plan = useQuery({ queryKey: queryKeys.plan, queryFn: api.plan, retry: false });
  const missing = plan.error instanceof ApiError && plan.error.problem.code === 'plan_required';
  if (plan.isPending) return <Loading />;
  if (plan.isError && !missing) return <ErrorMessage error={plan.error} />;
  return (
    <div className="page">
      <h1>{missing ? 'Set up your study plan' : 'Your study plan'}</h1>
      {missing ? (
        <p className="lead">
          Tell Onsite what you are preparing for; it picks the questions and paces them so everything is seen before
          your interview.
        </p>
      ) : null}
      <div className="plan-layout">
        <PlanForm plan={plan.data} />
        {plan.data ? <PlanSummary plan={plan.data} /> : null}
      </div>
    </div>
  );
}

/**
 * Ticking a level adds it when it neighbours the one chosen (a blend of two), and otherwise
 * starts over with it alone: a blend of junior with senior, or of three levels, is not offered.
 */
export function nextLevels(current: LevelId[], level: LevelId): LevelId[] {
  if (current.includes(level)) return current.filter((l) => l !== level);
  const neighbours = current.length === 1 && Math.abs(LEVEL_IDS.indexOf(current[0]!) - LEVEL_IDS.indexOf(level)) === 1;
  return neighbours ? [...current, level].sort((a, b) => LEVEL_IDS.indexOf(a) - LEVEL_IDS.indexOf(b)) : [level];
}

function PlanForm({ plan }: { plan: PlanDto | undefined }) {
  const queryClient = useQueryClient();
  // Nothing is pre-chosen: a new candidate picks their level, so no blend happens unasked.
  const [levels, setLevels] = useState<LevelId[]>(plan?.levels ?? []);
  const save = useMutation({
    mutationFn: api.savePlan,
    onSuccess: async (saved) => {
      queryClient.setQueryData(queryKeys.plan, saved);
      await queryClient.invalidateQueries({ queryKey: queryKeys.queue });
    },
  });
  const toggleLevel = (level: LevelId) => setLevels((current) => nextLevels(current, level));

  return (
    <form
      className="card stack"
      aria-label="Study plan"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const body: PlanBody = {
          levels,
          interviewDate: String(data.get('interviewDate') ?? '') || null,
          hoursPerWeek: Number(data.get('hoursPerWeek')),
          stack: data.getAll('stack').map(String) as PlanBody['stack'],
          desiredRetention: Number(data.get('desiredRetention')) / 100,
          timeZone: String(data.get('timeZone')),
          dayStartHour: Number(data.get('dayStartHour')),
        };
        save.mutate(body);
      }}
    >
      <fieldset aria-describedby="levels-choice">
        <legend>Target level (tick a neighbouring second level to blend the two)</legend>
        <div className="choice-row">
          {LEVEL_IDS.map((level) => (
            <label key={level} className="choice">
              <input
                type="checkbox"
                name="levels"
                value={level}
                checked={levels.includes(level)}
                onChange={() => toggleLevel(level)}
              />{' '}
              {LEVEL_LABELS[level]}
            </label>
          ))}
        </div>
        <p id="levels-choice" className="muted small" data-testid="levels-choice" aria-live="polite">
          {levels.length === 0
            ? 'Choose the level you are interviewing for.'
            : levels.length === 1
              ? `Questions for ${LEVEL_LABELS[levels[0]!]} only.`
              : `A blend: questions for ${levels.map((l) => LEVEL_LABELS[l]).join(' and ')}.`}
        </p>
      </fieldset>
      <div className="field">
        <label htmlFor="interviewDate">Interview date (optional)</label>
        <input id="interviewDate" name="interviewDate" type="date" defaultValue={plan?.interviewDate ?? ''} />
      </div>
      <div className="field">
        <label htmlFor="hoursPerWeek">Hours per week</label>
        <input
          id="hoursPerWeek"
          name="hoursPerWeek"
          type="number"
          min={1}
          max={80}
          required
          defaultValue={plan?.hoursPerWeek ?? 5}
        />
      </div>
      <fieldset>
        <legend>Your stack (adds its framework questions)</legend>
        <div className="choice-row">
          {STACK.map(([id, name]) => (
            <label key={id} className="choice">
              <input type="checkbox" name="stack" value={id} defaultChecked={plan?.stack.includes(id)} /> {name}
            </label>
          ))}
        </div>
      </fieldset>
      <details>
        <summary>Advanced</summary>
        <div className="stack">
          <div className="field">
            <label htmlFor="desiredRetention">Desired retention (%)</label>
            <input
              id="desiredRetention"
              name="desiredRetention"
              type="number"
              min={70}
              max={97}
              defaultValue={Math.round((plan?.desiredRetention ?? 0.9) * 100)}
            />
          </div>
          <div className="field">
            <label htmlFor="timeZone">Time zone</label>
            <input
              id="timeZone"
              name="timeZone"
              required
              defaultValue={plan?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone}
            />
          </div>
          <div className="field">
            <label htmlFor="dayStartHour">New day starts at (hour)</label>
            <input
              id="dayStartHour"
              name="dayStartHour"
              type="number"
              min={0}
              max={23}
              defaultValue={plan?.dayStartHour ?? 4}
            />
          </div>
        </div>
      </details>
      {save.isError ? <ErrorMessage error={save.error} /> : null}
      {save.isSuccess ? <p role="status">Plan saved.</p> : null}
      <button type="submit" className="button primary" disabled={save.isPending || levels.length === 0}>
        {plan ? 'Save plan' : 'Create my plan'}
      </button>
    </form>
  );
}

function PlanSummary({ plan }: { plan: PlanDto }) {
  const { summary } = plan;
  return (
    <section className="card stack" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Where you stand</h2>
      <p className={summary.onTrack ? 'on-track' : 'behind'} data-testid="plan-status">
        {summary.message}
      </p>
      <dl className="stat-row">
        <div>
          <dt>In your plan</dt>
          <dd>{summary.relevantTotal}</dd>
        </div>
        <div>
          <dt>Seen</dt>
          <dd>{summary.seen}</dd>
        </div>
        <div>
          <dt>Remaining</dt>
          <dd>{summary.remaining}</dd>
        </div>
        <div>
          <dt>New per day</dt>
          <dd>{summary.newPerDay}</dd>
        </div>
        {summary.daysLeft !== null ? (
          <div>
            <dt>Days left</dt>
            <dd>{summary.daysLeft}</dd>
          </div>
        ) : null}
      </dl>
      <h3>Next 14 days</h3>
      <div className="chart" role="img" aria-label="Forecast of reviews and new questions per day for the next 14 days">
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={summary.forecast.map((d) => ({ ...d, day: d.day.slice(5) }))}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" fontSize={12} />
            <YAxis allowDecimals={false} fontSize={12} />
            <Tooltip />
            <Legend />
            <Bar dataKey="reviews" name="Scheduled reviews" stackId="a" fill="#2f5bd3" />
            <Bar dataKey="newCards" name="New questions" stackId="a" fill="#8fb0ff" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <Link className="button primary" to="/drill">
        Start today’s drill
      </Link>
    </section>
  );
}
