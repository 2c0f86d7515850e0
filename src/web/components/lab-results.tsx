import type { Grade, LabLanguage, SubmissionDto, TestResult, VisibleTest } from '../../shared/labs.js';
import { TEST_VERDICT_LABELS } from '../labels.js';

/** The heading a candidate reads first: accepted, how many passed, or why nothing ran. */
export function submissionHeadline(submission: SubmissionDto): string {
  if (submission.status === 'queued') return 'Queued…';
  if (submission.status === 'running') return 'Running your code…';
  if (submission.status === 'error') return 'Grading failed on our side';
  const grade = submission.result;
  if (!grade) return 'No result';
  const what = submission.mode === 'run' ? 'example tests' : 'tests';
  if (grade.verdict === 'compile_error') return 'Compile error';
  if (grade.verdict === 'passed') return `Accepted — all ${grade.total} ${what} passed`;
  return `${grade.passed} of ${grade.total} ${what} passed`;
}

/**
 * The calls a visible test makes, in the test file's language for `language` (JavaScript's for
 * TypeScript), or an SQL example's setup and query: what produced the expected value.
 */
export function TestInput({ test, language }: { test: VisibleTest; language: LabLanguage }) {
  const code =
    language === 'sql'
      ? [test.setup, test.query].filter(Boolean).join('\n\n') || null
      : language === 'python'
        ? (test.input.py ?? test.input.js)
        : (test.input.js ?? test.input.py);
  if (!code) return null;
  return (
    <>
      <h3 className="example-label">{language === 'sql' ? 'Query' : 'Calls'}</h3>
      <pre className="code-block test-input" tabIndex={0} aria-label={`Input of ${test.name}`}>
        {code}
      </pre>
    </>
  );
}

const json = (value: unknown) => (value === undefined ? 'undefined' : JSON.stringify(value, null, 2));

/** One run's or submission's results: overall figures, compiler diagnostics, and every test. */
export function LabResults({
  submission,
  visibleTests = [],
}: {
  submission: SubmissionDto;
  visibleTests?: VisibleTest[];
}) {
  const grade = submission.result;
  const finished = submission.status === 'done' || submission.status === 'error';
  return (
    <section className="lab-results" aria-labelledby="results-heading" aria-busy={!finished}>
      <h2 id="results-heading" className={`lab-verdict verdict-${grade?.verdict ?? submission.status}`}>
        {submissionHeadline(submission)}
      </h2>
      {submission.status === 'error' ? (
        <p className="muted">
          {submission.error ?? 'The grader failed.'} Your code was kept; submit again in a moment.
        </p>
      ) : null}
      {grade ? (
        <GradeDetails grade={grade} mode={submission.mode} language={submission.language} visibleTests={visibleTests} />
      ) : null}
    </section>
  );
}

function GradeDetails({
  grade,
  mode,
  language,
  visibleTests,
}: {
  grade: Grade;
  mode: SubmissionDto['mode'];
  language: LabLanguage;
  visibleTests: VisibleTest[];
}) {
  return (
    <>
      <p className="lab-figures muted small">
        Score {grade.score}% · runtime {grade.runtimeMs} ms
        {grade.memoryKb ? ` · memory ${(grade.memoryKb / 1024).toFixed(1)} MB` : ''}
        {mode === 'run' ? ' · Run checks the examples only; Submit runs the hidden tests too.' : ''}
      </p>
      {grade.diagnostics.length > 0 ? (
        <ul className="diagnostics" aria-label="Compiler diagnostics">
          {grade.diagnostics.map((d, i) => (
            <li key={i}>
              <code>
                line {d.line}, column {d.column}
              </code>{' '}
              {d.message}
            </li>
          ))}
        </ul>
      ) : null}
      {grade.tests.length > 0 ? (
        <ol className="test-results" aria-label="Test results">
          {grade.tests.map((test, i) => (
            <TestRow
              key={i}
              test={test}
              language={language}
              example={test.visible ? visibleTests.find((v) => v.name === test.name) : undefined}
            />
          ))}
        </ol>
      ) : null}
      {grade.output ? (
        <details className="program-output">
          <summary>What your code printed</summary>
          <pre>{grade.output}</pre>
        </details>
      ) : null}
    </>
  );
}

/** One test's verdict; a failed visible test shows the calls it made beside expected and actual. */
function TestRow({ test, language, example }: { test: TestResult; language: LabLanguage; example?: VisibleTest }) {
  const passed = test.verdict === 'passed';
  return (
    <li className={`test-result ${passed ? 'pass' : 'fail'}`} data-verdict={test.verdict}>
      <div className="test-line">
        <span className="test-mark" aria-hidden="true">
          {passed ? '✓' : '✗'}
        </span>
        <span className="test-name">{test.name}</span>
        {test.kind === 'performance' ? <span className="chip">performance</span> : null}
        {test.visible ? null : <span className="chip">hidden</span>}
        <span className="test-verdict">{TEST_VERDICT_LABELS[test.verdict]}</span>
        {test.timeMs !== null ? <span className="muted small">{test.timeMs} ms</span> : null}
      </div>
      {passed ? null : (
        <div className="test-detail">
          {test.message ? <p>{test.message}</p> : null}
          {example ? <TestInput test={example} language={language} /> : null}
          {test.visible && (test.expected !== undefined || test.actual !== undefined) ? (
            <div className="expected-actual">
              <div>
                <h4>Expected</h4>
                <pre tabIndex={0}>{json(test.expected)}</pre>
              </div>
              <div>
                <h4>Your result</h4>
                <pre tabIndex={0}>{json(test.actual)}</pre>
              </div>
            </div>
          ) : null}
          {test.stack ? <pre className="test-stack">{test.stack}</pre> : null}
        </div>
      )}
    </li>
  );
}
