import {
  AUDIO_TYPES,
  type RecordingDto,
  type SpeechQuery,
  type SpokenAnswerDto,
  type Transcription,
} from '../../shared/speech.js';
import { gate, type AiDeps } from '../ai/service.js';
import type { Catalog } from '../curriculum/service.js';
import type { Db } from '../db/client.js';
import { AppError, invalid, notFound } from '../errors.js';
import { SPOKEN_WORDS, speakingMeasures } from './measures.js';
import * as q from './queries.js';

/**
 * Spoken answers: a recording is transcribed when the configured endpoint offers speech to text
 * (and the user may send it there), measured from its transcript, and stored only when the user
 * asks to keep it. The transcript is graded by the caller like a typed answer.
 */

export interface SpeechDeps {
  db: Db;
  catalog: Catalog;
  ai: AiDeps;
  now: () => Date;
}

const HISTORY = 100;

/** The word range the answer is measured against; 404 when what it answers does not exist. */
function targetWords(catalog: Catalog, query: Pick<SpeechQuery, 'for' | 'id'>): { min: number; max: number } {
  switch (query.for) {
    case 'drill':
    case 'concept':
      if (!catalog.findQuestion(query.id)) throw notFound('question_not_found', `No question with id "${query.id}".`);
      return SPOKEN_WORDS[query.for];
    case 'star':
      if (!catalog.behaviouralPrompts().some((p) => p.id === query.id))
        throw notFound('prompt_not_found', `No behavioural prompt with id "${query.id}".`);
      return SPOKEN_WORDS.star;
    case 'screen': {
      const prompt = catalog.screenPrompts().find((p) => p.id === query.id);
      if (!prompt) throw notFound('prompt_not_found', `No recruiter-screen prompt with id "${query.id}".`);
      return prompt.words;
    }
  }
}

/** The audio type without its parameters, when it is one Onsite accepts. */
function audioType(contentType: string | undefined): (typeof AUDIO_TYPES)[number] | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return AUDIO_TYPES.find((accepted) => accepted === type);
}

export async function answerAloud(
  deps: SpeechDeps,
  userId: string,
  input: { audio: unknown; contentType: string | undefined; query: SpeechQuery },
): Promise<SpokenAnswerDto> {
  const { query } = input;
  if (!audioType(input.contentType) || !Buffer.isBuffer(input.audio)) {
    throw new AppError('unsupported_audio_type', `Send the recording as one of ${AUDIO_TYPES.join(', ')}.`);
  }
  if (input.audio.length === 0) throw invalid('empty_recording', 'The recording is empty.');
  const target = targetWords(deps.catalog, query);

  const transcription = await transcribe(deps, userId, input.audio, input.contentType!);
  const transcript = transcription.status === 'transcribed' ? transcription.text : null;
  const recording = query.keep
    ? toDto(
        await q.insertRecording(deps.db, {
          userId,
          contentType: input.contentType!,
          durationMs: query.durationMs,
          audio: input.audio,
          transcript,
          subject: `${query.for}:${query.id}`,
          createdAt: deps.now(),
        }),
      )
    : null;
  return {
    transcription,
    speaking: transcript === null ? null : speakingMeasures(transcript, query.durationMs, target),
    recording,
  };
}

async function transcribe(
  deps: SpeechDeps,
  userId: string,
  bytes: Buffer,
  contentType: string,
): Promise<Transcription> {
  const allowed = await gate(deps.ai, userId);
  if (!allowed || !deps.ai.llm?.config.transcribeModel) return { status: 'not_offered' };
  if (allowed !== 'go') return allowed;
  const result = await deps.ai.llm.client.transcribe({ bytes, contentType });
  if (!result.ok) {
    const { code, note, retryAfterSeconds } = result;
    return { status: 'unavailable', code, note, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
  }
  if (!result.text) {
    return { status: 'unavailable', code: 'ai_malformed_reply', note: 'Nothing was heard in the recording.' };
  }
  return { status: 'transcribed', text: result.text };
}

export async function listRecordings(deps: SpeechDeps, userId: string): Promise<RecordingDto[]> {
  return (await q.listRecordings(deps.db, userId, HISTORY)).map(toDto);
}

export async function getAudio(deps: SpeechDeps, userId: string, id: string) {
  const found = await q.findAudio(deps.db, userId, id);
  if (!found) throw notFound('recording_not_found', 'There is no such recording.');
  return found;
}

export async function deleteRecording(deps: SpeechDeps, userId: string, id: string): Promise<void> {
  if (!(await q.deleteRecording(deps.db, userId, id)))
    throw notFound('recording_not_found', 'There is no such recording.');
}

function toDto(row: q.RecordingRow): RecordingDto {
  return {
    id: row.id,
    subject: row.subject,
    contentType: row.contentType,
    durationMs: row.durationMs,
    transcript: row.transcript,
    createdAt: row.createdAt.toISOString(),
  };
}
