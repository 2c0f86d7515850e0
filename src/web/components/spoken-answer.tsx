import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { SpeakingMeasures, SpokenAnswerDto } from '../../shared/speech.js';
import { api } from '../api.js';
import { formatClock, useElapsedSeconds } from '../hooks.js';
import { queryKeys } from '../queries.js';
import { ErrorMessage } from './status.js';

interface Recording {
  blob: Blob;
  url: string;
  durationMs: number;
}

/**
 * Records from the microphone with MediaRecorder. The recording stays in the browser's memory (an
 * object URL) until the caller uploads it; nothing leaves the page by recording alone.
 */
function useRecorder() {
  const [recording, setRecording] = useState<Recording | null>(null);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  useEffect(() => () => void (recording && URL.revokeObjectURL(recording.url)), [recording]);
  useEffect(() => () => recorder.current?.stream.getTracks().forEach((track) => track.stop()), []);

  const start = async () => {
    setError(null);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const media = new MediaRecorder(stream);
      const chunks: Blob[] = [];
      const began = Date.now();
      media.ondataavailable = (event) => chunks.push(event.data);
      media.onstop = () => {
        stream.getTracks().forEach((track) => track.stop());
        const blob = new Blob(chunks, { type: media.mimeType.split(';')[0] || 'audio/webm' });
        setRecording({ blob, url: URL.createObjectURL(blob), durationMs: Date.now() - began });
        setStartedAt(null);
      };
      media.start();
      recorder.current = media;
      setRecording(null);
      setStartedAt(began);
    } catch {
      setError('The microphone could not be opened: allow it in the browser, or type your answer instead.');
    }
  };
  const stop = () => recorder.current?.state === 'recording' && recorder.current.stop();
  return { recording, recordingSince: startedAt, start, stop, error };
}

/**
 * "Answer out loud": record, play back, and — when the server transcribes speech, or when you
 * choose to keep the recording — upload it; the transcript is handed to `onTranscript` to be
 * graded like a typed answer.
 */
export function SpokenAnswer({
  subject,
  onTranscript,
}: {
  subject: { for: 'drill' | 'concept' | 'screen' | 'star'; id: string };
  onTranscript: (text: string, result: SpokenAnswerDto) => void;
}) {
  const status = useQuery({ queryKey: queryKeys.aiStatus, queryFn: api.aiStatus });
  const { recording, recordingSince, start, stop, error } = useRecorder();
  const [keep, setKeep] = useState(false);
  const elapsed = useElapsedSeconds(recordingSince ?? 0, recordingSince === null);
  const send = useMutation({
    mutationFn: (take: Recording) => api.speech({ ...subject, durationMs: take.durationMs, keep }, take.blob),
    onSuccess: (result) => {
      if (result.transcription.status === 'transcribed') onTranscript(result.transcription.text, result);
    },
  });
  // Opted out, nothing goes to the provider: the recording is for playback (and keeping) only.
  const transcribes = status.data?.transcription === true && status.data.consent !== 'declined';

  return (
    <section className="stack spoken-answer" aria-label="Answer out loud" data-testid="spoken-answer">
      <p className="muted small">
        {transcribes
          ? `Your recording is sent to ${status.data?.provider ?? 'the configured provider'} to be transcribed, then graded like a typed answer.`
          : 'Recordings stay in this browser for you to play back; they are not transcribed on this server.'}{' '}
        It is stored on the server only if you tick “Keep this recording”.
      </p>
      <div className="row-meta">
        {recordingSince === null ? (
          <button type="button" className="button" onClick={() => void start()}>
            {recording ? 'Record again' : 'Start recording'}
          </button>
        ) : (
          <button type="button" className="button primary" onClick={stop}>
            Stop recording ({formatClock(elapsed)})
          </button>
        )}
        <label className="choice">
          <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} /> Keep this recording on
          the server
        </label>
      </div>
      {error ? <p role="alert">{error}</p> : null}
      {recording ? (
        <div className="stack">
          <audio controls src={recording.url} aria-label="Your recording" />
          {transcribes || keep ? (
            <button
              type="button"
              className="button primary"
              disabled={send.isPending}
              onClick={() => send.mutate(recording)}
            >
              {send.isPending ? 'Sending…' : transcribes ? 'Transcribe and grade' : 'Keep on the server'}
            </button>
          ) : null}
        </div>
      ) : null}
      {send.isError ? <ErrorMessage error={send.error} /> : null}
      {send.data ? <SpokenResult result={send.data} /> : null}
    </section>
  );
}

function SpokenResult({ result }: { result: SpokenAnswerDto }) {
  const { transcription } = result;
  return (
    <div className="stack" data-testid="spoken-result">
      {transcription.status === 'transcribed' ? (
        <blockquote data-testid="transcript">{transcription.text}</blockquote>
      ) : transcription.status === 'unavailable' ? (
        <p role="status">{transcription.note}</p>
      ) : transcription.status === 'consent_required' ? (
        <p role="status">Agree to sending answers to {transcription.provider} under Account to have it transcribed.</p>
      ) : transcription.status === 'opted_out' ? (
        <p role="status">You opted out of the AI layer, so recordings are not transcribed.</p>
      ) : null}
      {result.recording ? <p className="small muted">Kept on the server; delete it any time under Account.</p> : null}
      {result.speaking ? <SpeakingPanel measures={result.speaking} /> : null}
    </div>
  );
}

const PACE_LABEL = { slow: 'slow', good: 'good', fast: 'fast' } as const;
const LENGTH_LABEL = { 'too-short': 'too short', good: 'in range', 'too-long': 'too long' } as const;

/** How the answer sounded: pace, fillers and length, from its transcript. */
export function SpeakingPanel({ measures }: { measures: SpeakingMeasures }) {
  return (
    <section className="card stack" aria-labelledby="speaking-heading" data-testid="speaking-measures">
      <h4 id="speaking-heading">How it sounded</h4>
      <dl className="facts">
        <dt>Pace</dt>
        <dd data-testid="words-per-minute">
          {measures.wordsPerMinute} words a minute ({PACE_LABEL[measures.pace]})
        </dd>
        <dt>Length</dt>
        <dd>
          {measures.words} words in {measures.seconds} s — {LENGTH_LABEL[measures.length]} (aim for{' '}
          {measures.targetWords.min}–{measures.targetWords.max})
        </dd>
        <dt>Fillers</dt>
        <dd data-testid="fillers">
          {measures.fillers.length === 0
            ? 'none heard'
            : measures.fillers.map((f) => `“${f.word}” ×${f.count}`).join(', ')}
        </dd>
      </dl>
      {measures.tips.length > 0 ? (
        <ul>
          {measures.tips.map((tip) => (
            <li key={tip}>{tip}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
