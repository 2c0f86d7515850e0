import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api.js';
import { queryKeys } from '../queries.js';

/**
 * Why labs cannot be graded on this server (no bubblewrap, say), or null when they can — or while
 * the answer is still loading, so nothing flickers off on a working server. Asked once a minute:
 * an operator who installs the sandbox and restarts sees the banner go.
 */
export function useGradingUnavailable(): string | null {
  const status = useQuery({ queryKey: queryKeys.gradingStatus, queryFn: api.gradingStatus, staleTime: 60_000 });
  if (!status.data || status.data.available) return null;
  return status.data.reason ?? 'the lab sandbox is not installed';
}

/** What a mock interview does with its coding stages while labs cannot be graded. */
export const CODING_STAGES_NOTE =
  'In a mock interview the online assessment (timed labs) is skipped, and the technical round’s coding task can be written and narrated but not run.';

/** The one sentence beside a disabled Run or Submit (or Start, or Begin) button. */
export const GRADING_OFF_REASON = 'Off: labs cannot be graded on this server (see the notice above).';

/**
 * The notice on lab, assessment and mock pages when labs cannot be graded: what is missing, what
 * the operator installs, and what still works. Renders nothing when grading works.
 */
export function GradingBanner({ children }: { children?: ReactNode }) {
  const reason = useGradingUnavailable();
  if (!reason) return null;
  return (
    <div className="notice grading-banner" role="status" data-testid="grading-unavailable">
      <p>
        <strong>Labs cannot be graded on this server.</strong> {capitalise(reason)}.
      </p>
      <p>
        Whoever runs Onsite can fix it with <code>sudo apt-get install bubblewrap util-linux</code> and a restart. Until
        then you can read labs and write code (drafts are saved), but not run or submit it. {children ?? null}
      </p>
      <p>
        Concept drills, questions and the mock stages without code work as usual: <Link to="/drill">start a drill</Link>
        .
      </p>
    </div>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
