import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../../shared/api.js';
import { MAX_AUDIO_BYTES, RecordingDto, SpeechQuery, SpokenAnswerDto } from '../../shared/speech.js';
import * as speech from './service.js';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 413: Problem, 415: Problem };
const tags = ['speech'];
const RecordingParams = z.object({ id: z.uuid() });

/** Spoken answers: upload a recording to transcribe and measure, keep it if you choose, play or delete it. */
export const speechRoutes: FastifyPluginAsyncZod<{ deps: speech.SpeechDeps }> = async (app, { deps }) => {
  // Recordings arrive as raw bytes of an audio type; other types are refused by Fastify with 415.
  app.addContentTypeParser(
    /^audio\/[\w.+-]+(\s*;.*)?$/i,
    { parseAs: 'buffer', bodyLimit: MAX_AUDIO_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/speech',
    {
      bodyLimit: MAX_AUDIO_BYTES,
      schema: {
        tags,
        summary:
          'A spoken answer (raw audio body): transcribed when the AI endpoint offers it, with speaking measures; stored only with keep=true',
        querystring: SpeechQuery,
        response: { 200: SpokenAnswerDto, ...errors },
      },
    },
    async (request) =>
      speech.answerAloud(deps, request.user.id, {
        audio: request.body,
        contentType: request.headers['content-type'],
        query: request.query,
      }),
  );

  app.get(
    '/speech/recordings',
    {
      schema: {
        tags,
        summary: 'The recordings you chose to keep, newest first',
        response: { 200: z.array(RecordingDto), ...errors },
      },
    },
    async (request) => speech.listRecordings(deps, request.user.id),
  );

  app.get(
    '/speech/recordings/:id/audio',
    {
      schema: {
        tags,
        summary: 'Play back a kept recording',
        params: RecordingParams,
        response: { 200: z.any().describe('The audio, in the type it was recorded in'), ...errors },
      },
    },
    async (request, reply) => {
      const { contentType, audio } = await speech.getAudio(deps, request.user.id, request.params.id);
      return reply.type(contentType).header('cache-control', 'private, no-store').send(audio);
    },
  );

  app.delete(
    '/speech/recordings/:id',
    {
      schema: {
        tags,
        summary: 'Delete a kept recording',
        params: RecordingParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await speech.deleteRecording(deps, request.user.id, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
