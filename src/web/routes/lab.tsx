import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import type { LabDetail } from '../../shared/labs.js';
import { api } from '../api.js';
import { LevelChips } from '../components/chips.js';
import { TestInput } from '../components/lab-results.js';
import { GradingBanner } from '../components/grading-banner.js';
import { LabWorkspace } from '../components/lab-workspace.js';
import { Markdown } from '../components/markdown.js';
import { ErrorMessage, Loading } from '../components/status.js';
import { LAB_STATUS_LABELS } from '../labels.js';
import { queryKeys } from '../queries.js';

/** One lab: the brief on the left, the editor and results on the right. */
export function LabPage() {
  const { slug = '' } = useParams();
  const lab = useQuery({ queryKey: queryKeys.lab(slug), queryFn: () => api.lab(slug) });
  // Drafts seed the editor once; later saves come from the editor itself, so never refetch them.
  const drafts = useQuery({
    queryKey: queryKeys.drafts(slug),
    queryFn: () => api.drafts(slug),
    staleTime: Infinity,
    gcTime: 0,
  });

  if (lab.isError || drafts.isError) {
    return (
      <div className="page">
        <ErrorMessage error={lab.error ?? drafts.error} />
        <p>
          <Link to="/labs">All labs</Link>
        </p>
      </div>
    );
  }
  if (!lab.data || !drafts.data) return <Loading label="Loading the lab…" />;
  return (
    <>
      <GradingBanner />
      <div className="lab-page">
        <LabBrief lab={lab.data} />
        <LabWorkspace key={slug} lab={lab.data} drafts={drafts.data} />
      </div>
    </>
  );
}

/** JSON on one line when it is short, indented when it is not. */
export function compactJson(value: unknown): string {
  const line = JSON.stringify(value);
  return line.length <= 60 ? line : JSON.stringify(value, null, 2);
}

/** The prompt, the examples with their expected results, the SQL schema and the limits. */
export function LabBrief({ lab }: { lab: LabDetail }) {
  const areas = useQuery({ queryKey: queryKeys.areas, queryFn: api.areas });
  return (
    <article className="lab-brief" aria-labelledby="lab-title">
      <p className="muted small">
        <Link to="/labs">Labs</Link> /{' '}
        <Link to={`/labs?area=${lab.area}`}>{areas.data?.find((area) => area.id === lab.area)?.name ?? lab.area}</Link>
      </p>
      <h1 id="lab-title">{lab.title}</h1>
      <div className="row-meta">
        <LevelChips levels={lab.levels} />
        <span className={`lab-status status-${lab.status}`}>{LAB_STATUS_LABELS[lab.status]}</span>
      </div>
      <Markdown>{lab.prompt}</Markdown>
      {lab.schema ? (
        <details className="lab-schema">
          <summary>Schema and data the tests start from</summary>
          <pre className="code-block">{lab.schema}</pre>
        </details>
      ) : null}
      <h2>Examples</h2>
      <ol className="examples">
        {lab.visibleTests.map((test) => (
          <li key={test.name}>
            <strong>{test.name}</strong>
            {test.kind === 'performance' ? <span className="chip">performance</span> : null}
            <TestInput test={test} language={lab.languages[0]!} />
            {test.expected !== null ? (
              <>
                <h3 className="example-label">Returns</h3>
                <pre className="code-block" tabIndex={0} aria-label={`Expected result of ${test.name}`}>
                  {compactJson(test.expected)}
                </pre>
              </>
            ) : null}
          </li>
        ))}
      </ol>
      <p className="muted small">
        Plus {lab.hiddenTestCount} hidden tests on Submit. Limits: {lab.limits.cpuSeconds} s CPU, {lab.limits.memoryMb}{' '}
        MB memory per run; {lab.timeLimitMinutes} minutes in a timed assessment.
      </p>
    </article>
  );
}
