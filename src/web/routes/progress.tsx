import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AREA_IDS, LEVEL_IDS } from '../../shared/ids.js';
import { api } from '../api.js';
import { AnswerFeedback } from '../components/answer-feedback.js';
import { ErrorMessage, Loading } from '../components/status.js';
import { LEVEL_LABELS } from '../labels.js';
import { queryKeys } from '../queries.js';

const RATING_NAMES = ['', 'Again', 'Hard', 'Good', 'Easy'];

/** The dashboard: readiness per area and level, activity, accuracy, streak, weakest topics, history. */
export function ProgressPage() {
  const progress = useQuery({ queryKey: queryKeys.progress, queryFn: api.progress });
  const areas = useQuery({ queryKey: queryKeys.areas, queryFn: api.areas });
  if (progress.isPending) return <Loading />;
  if (progress.isError) return <ErrorMessage error={progress.error} />;
  const p = progress.data;
  const areaName = (id: string) => areas.data?.find((a) => a.id === id)?.name ?? id;
  const readiness = AREA_IDS.map((area) => ({
    area: areaName(area),
    ...Object.fromEntries(
      LEVEL_IDS.map((level) => [
        level,
        Math.round((p.readiness.find((r) => r.area === area && r.level === level)?.readiness ?? 0) * 100),
      ]),
    ),
  }));
  const daily = p.daily.map((d) => ({
    day: d.day.slice(5),
    reviews: d.reviews,
    accuracy: d.reviews ? Math.round((d.correct / d.reviews) * 100) : null,
    minutes: d.minutes,
  }));
  const answeredDays = daily.filter((d) => d.accuracy !== null);

  return (
    <div className="page">
      <h1>Progress</h1>
      <dl className="stat-row tiles">
        <div>
          <dt>Streak</dt>
          <dd data-testid="streak">
            {p.streak} day{p.streak === 1 ? '' : 's'}
          </dd>
        </div>
        <div>
          <dt>Answers</dt>
          <dd data-testid="total-reviews">{p.totalReviews}</dd>
        </div>
        <div>
          <dt>Time practised</dt>
          <dd>{p.totalMinutes} min</dd>
        </div>
      </dl>
      {p.totalReviews === 0 ? (
        <p className="empty">
          No answers yet. <Link to="/drill">Start a drill</Link> and your charts fill in here.
        </p>
      ) : null}

      <section className="card" aria-labelledby="readiness-heading">
        <h2 id="readiness-heading">Readiness by area</h2>
        <p className="muted small">
          How likely you are to recall each area’s questions today (FSRS), counting unseen questions as not ready.
        </p>
        <ReadinessTable rows={readiness} />
      </section>

      <div className="two-col">
        <section className="card" aria-labelledby="activity-heading">
          <h2 id="activity-heading">Answers per day</h2>
          <div className="chart" role="img" aria-label="Answers per day over the last 30 days">
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={daily}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="day" fontSize={11} interval={4} />
                <YAxis allowDecimals={false} fontSize={12} />
                <Tooltip />
                <Bar dataKey="reviews" name="Answers" fill="#2f5bd3" />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </section>
        <section className="card" aria-labelledby="accuracy-heading">
          <h2 id="accuracy-heading">Accuracy over time</h2>
          {answeredDays.length < 2 ? (
            <p data-testid="accuracy-summary">
              {answeredDays.length === 0
                ? 'Your share of answers rated Good or Easy appears here once you have answered.'
                : `${answeredDays[0]!.accuracy}% of your answers on ${answeredDays[0]!.day} were rated Good or Easy. The trend line appears after a second day of practice.`}
            </p>
          ) : (
            <div className="chart" role="img" aria-label="Share of answers rated Good or Easy per day">
              <ResponsiveContainer width="100%" height={220}>
                <LineChart data={daily} margin={{ top: 12, right: 16, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="day" fontSize={11} interval={4} />
                  <YAxis domain={[0, 100]} unit="%" fontSize={12} width={48} />
                  <Tooltip />
                  <Line type="monotone" dataKey="accuracy" name="Good or Easy" stroke="#1f9d63" connectNulls dot />
                </LineChart>
              </ResponsiveContainer>
            </div>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="weak-heading">
        <h2 id="weak-heading">Weakest topics</h2>
        {p.weakest.length === 0 ? (
          <p className="muted" data-testid="no-weak-topics">
            {p.totalReviews < 2
              ? 'Answer a few more questions to see which topics need work.'
              : 'No weak topics: every topic you have studied was answered right and is recalled at your target.'}
          </p>
        ) : (
          <ol data-testid="weakest">
            {p.weakest.map((w) => (
              <li key={w.tag}>
                <Link to={`/questions?tag=${encodeURIComponent(w.tag)}`}>#{w.tag}</Link> — {w.correct} of {w.answers}{' '}
                answers right across {w.cards} question{w.cards === 1 ? '' : 's'}; recall now{' '}
                {Math.round(w.retrievability * 100)}%
              </li>
            ))}
          </ol>
        )}
      </section>
      <History />
    </div>
  );
}

/**
 * Readiness as a table of bars rather than a chart: it reads at any width (a phone gets the same
 * figures, not a 120-pixel chart) and a screen reader reads every figure.
 */
function ReadinessTable({ rows }: { rows: ({ area: string } & Record<string, string | number>)[] }) {
  return (
    <table className="table readiness-table" data-testid="readiness">
      <caption className="visually-hidden">Readiness per area and level, in percent</caption>
      <thead>
        <tr>
          <th scope="col">Area</th>
          {LEVEL_IDS.map((level) => (
            <th key={level} scope="col">
              {LEVEL_LABELS[level]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.area}>
            <th scope="row">{row.area}</th>
            {LEVEL_IDS.map((level) => (
              <td key={level}>
                <span className="meter" aria-hidden="true">
                  <span className={`meter-fill level-${level}`} style={{ width: `${row[level]}%` }} />
                </span>
                <span className="meter-value">{row[level]}%</span>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function History() {
  const history = useInfiniteQuery({
    queryKey: queryKeys.history,
    queryFn: ({ pageParam }) => api.history(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = history.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {history.isError ? <ErrorMessage error={history.error} /> : null}
      {items.length === 0 && !history.isPending ? (
        <p className="muted">Every answer you give appears here with its feedback.</p>
      ) : null}
      <ol className="history">
        {items.map((item) => (
          <li key={item.id}>
            <Link to={`/questions/${item.questionId}`}>{item.question}</Link>
            <div className="small muted">
              {new Date(item.reviewedAt).toLocaleString()} · {RATING_NAMES[item.rating]} · {item.mode}
              {item.hintUsed ? ' · hint used' : ''}
              {item.score !== null ? ` · rubric ${Math.round(item.score * 100)}%` : ''}
            </div>
            {item.answer ? (
              <details>
                <summary>Your answer and feedback</summary>
                {item.feedback ? (
                  <AnswerFeedback text={item.answer} feedback={item.feedback} heading="h4" />
                ) : (
                  <blockquote className="your-answer">{item.answer}</blockquote>
                )}
              </details>
            ) : null}
          </li>
        ))}
      </ol>
      {history.hasNextPage ? (
        <button type="button" className="button" onClick={() => void history.fetchNextPage()}>
          Load more
        </button>
      ) : null}
    </section>
  );
}
