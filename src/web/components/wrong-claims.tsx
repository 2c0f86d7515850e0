/** One wrong claim found in an answer: the candidate's words, what they claimed, and the correction. */
interface WrongClaim {
  claim: string;
  quote: string;
  correction?: string | null;
}

/**
 * The wrong claims an answer makes, each quoted from the answer with its correction: the same box
 * wherever an answer is judged (drills, mock stages, the AI review).
 */
export function WrongClaims({ claims, testId }: { claims: readonly WrongClaim[]; testId?: string }) {
  if (claims.length === 0) return null;
  return (
    <div className="error-box" data-testid={testId}>
      <strong>{claims.length === 1 ? 'A wrong claim' : 'Wrong claims'}</strong>
      <ul>
        {claims.map((m) => (
          <li key={m.claim}>
            <span className="small muted">You wrote “{m.quote}”:</span> {m.claim}
            {m.correction ? (
              <>
                <br />
                <strong>In fact:</strong> {m.correction}
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
