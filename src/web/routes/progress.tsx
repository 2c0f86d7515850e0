import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { AREA_IDS, LEVEL_IDS } from '../../shared/ids.js';
import { api } from '../api.js';
import { AnswerFeedback } from '../components/answer-feedback.js';
import { ErrorMessage, Loading } from '../components/status.js';
import { LEVEL_LABELS } from '../labels.js';

const LEVEL_COLOURS = { junior: '#1f9d63', mid: '#c98a12', senior: '#8a5cc9' } as const;
const RATING_NAMES = ['', 'Again', 'Hard', 'Good', 'Easy'];

/** The dashboard: readiness per area and level, activity, accuracy, streak, weakest topics, history. */
export function ProgressPage() {
  const progress = useQuery({ queryKey: ['progress'], queryFn: api.progress });
  const areas = useQuery({ queryKey: ['areas'], queryFn: api.areas });
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
        <div className="chart" role="img" aria-label="Readiness per area and level, in percent">
          <ResponsiveContainer width="100%" height={320}>
            <BarChart data={readiness} layout="vertical" margin={{ left: 40 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" domain={[0, 100]} unit="%" fontSize={12} />
              <YAxis type="category" dataKey="area" width={150} fontSize={12} />
              <Tooltip />
              <Legend />
              {LEVEL_IDS.map((level) => (
                <Bar key={level} dataKey={level} name={LEVEL_LABELS[level]} fill={LEVEL_COLOURS[level]} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
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
          <div className="chart" role="img" aria-label="Share of answers rated Good or Easy per day">
            <ResponsiveContainer width="100%" height={220}>
              <LineChart data={daily}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="day" fontSize={11} interval={4} />
                <YAxis domain={[0, 100]} unit="%" fontSize={12} />
                <Tooltip />
                <Line type="monotone" dataKey="accuracy" name="Good or Easy" stroke="#1f9d63" connectNulls dot />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </section>
      </div>

      <section className="card" aria-labelledby="weak-heading">
        <h2 id="weak-heading">Weakest topics</h2>
        {p.weakest.length === 0 ? (
          <p className="muted">Answer a few more questions to see which topics need work.</p>
        ) : (
          <ol>
            {p.weakest.map((w) => (
              <li key={w.tag}>
                <Link to={`/questions?tag=${encodeURIComponent(w.tag)}`}>#{w.tag}</Link> —{' '}
                {Math.round(w.retrievability * 100)}% recall across {w.cards} questions
              </li>
            ))}
          </ol>
        )}
      </section>
      <History />
    </div>
  );
}

function History() {
  const history = useInfiniteQuery({
    queryKey: ['history'],
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
