import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AreaDto,
  IdParam,
  LevelDto,
  ListOf,
  Problem,
  QuestionDto,
  QuestionListQuery,
  QuestionPage,
  StageDto,
  TagDto,
} from '../../shared/api.js';
import { JsonCache, sendCachedJson } from '../http/cached-json.js';
import type { Catalog } from './service.js';

const notFound = { 404: Problem };
/** Every catalog answer has an ETag; a matching `If-None-Match` gets this instead of the body. */
const notModified = {
  304: z.null().describe('Not Modified: the `If-None-Match` header names this ETag; no body.'),
};
/**
 * The curriculum is the same for everyone, signed in or not. Its bodies are compressed once, when
 * cached (`sendCachedJson`), so the per-request compression hooks are left off these routes.
 */
const PUBLIC = { access: 'public' } as const;

/** Distinct answers kept serialised: every area, question, level and stage, plus recent searches. */
const CACHE_ENTRIES = 2000;

/**
 * Read-only curriculum endpoints: areas, questions, tags, levels and stages. The catalog does not
 * change while the app runs and no answer depends on who asks, so each distinct answer is checked
 * against its response schema and serialised once, then served from memory with an ETag (a new
 * catalog, at the next start, makes new bodies and so new ETags).
 */
export const curriculumRoutes: FastifyPluginAsyncZod<{ catalog: Catalog }> = async (app, { catalog }) => {
  const cache = new JsonCache(CACHE_ENTRIES);
  app.get(
    '/areas',
    {
      config: PUBLIC,
      compress: false,
      schema: { tags: ['curriculum'], summary: 'List the areas', response: { 200: ListOf(AreaDto), ...notModified } },
    },
    async (request, reply) =>
      sendCachedJson(
        request,
        reply,
        cache.get('areas', () => ListOf(AreaDto).parse({ items: catalog.listAreas() })),
      ),
  );

  app.get(
    '/areas/:id',
    {
      config: PUBLIC,
      compress: false,
      schema: {
        tags: ['curriculum'],
        summary: 'Get an area',
        params: IdParam,
        response: { 200: AreaDto, ...notFound, ...notModified },
      },
    },
    async (request, reply) =>
      sendCachedJson(
        request,
        reply,
        cache.get(`area:${request.params.id}`, () => AreaDto.parse(catalog.getArea(request.params.id))),
      ),
  );

  app.get(
    '/questions',
    {
      config: PUBLIC,
      compress: false,
      schema: {
        tags: ['curriculum'],
        summary: 'List and search questions',
        description: 'Filter by area, level and tag, search the text with `q`, and page with `cursor`.',
        querystring: QuestionListQuery,
        response: { 200: QuestionPage, 400: Problem, ...notModified },
      },
    },
    async (request, reply) =>
      sendCachedJson(
        request,
        reply,
        cache.get(`questions:${JSON.stringify(request.query)}`, () =>
          QuestionPage.parse(catalog.listQuestions(request.query)),
        ),
      ),
  );

  app.get(
    '/questions/:id',
    {
      config: PUBLIC,
      compress: false,
      schema: {
        tags: ['curriculum'],
        summary: 'Get a question with its hint, rubric and model answer',
        params: IdParam,
        response: { 200: QuestionDto, ...notFound, ...notModified },
      },
    },
    async (request, reply) =>
      sendCachedJson(
        request,
        reply,
        cache.get(`question:${request.params.id}`, () => QuestionDto.parse(catalog.getQuestion(request.params.id))),
      ),
  );

  app.get(
    '/tags',
    {
      config: PUBLIC,
      compress: false,
      schema: {
        tags: ['curriculum'],
        summary: 'List tags with their question counts',
        response: { 200: ListOf(TagDto), ...notModified },
      },
    },
    async (request, reply) =>
      sendCachedJson(
        request,
        reply,
        cache.get('tags', () => ListOf(TagDto).parse({ items: catalog.listTags() })),
      ),
  );

  app.get(
    '/levels',
    {
      config: PUBLIC,
      compress: false,
      schema: { tags: ['guides'], summary: 'The levels guide', response: { 200: ListOf(LevelDto), ...notModified } },
    },
    async (request, reply) =>
      sendCachedJson(
        request,
        reply,
        cache.get('levels', () => ListOf(LevelDto).parse({ items: catalog.listLevels() })),
      ),
  );

  app.get(
    '/levels/:id',
    {
      config: PUBLIC,
      compress: false,
      schema: {
        tags: ['guides'],
        summary: 'Get a level',
        params: z.object({ id: z.string() }),
        response: { 200: LevelDto, ...notFound, ...notModified },
      },
    },
    async (request, reply) =>
      sendCachedJson(
        request,
        reply,
        cache.get(`level:${request.params.id}`, () => LevelDto.parse(catalog.getLevel(request.params.id))),
      ),
  );

  app.get(
    '/stages',
    {
      config: PUBLIC,
      compress: false,
      schema: {
        tags: ['guides'],
        summary: 'The interview stages guide',
        response: { 200: ListOf(StageDto), ...notModified },
      },
    },
    async (request, reply) =>
      sendCachedJson(
        request,
        reply,
        cache.get('stages', () => ListOf(StageDto).parse({ items: catalog.listStages() })),
      ),
  );

  app.get(
    '/stages/:id',
    {
      config: PUBLIC,
      compress: false,
      schema: {
        tags: ['guides'],
        summary: 'Get a stage',
        params: z.object({ id: z.string() }),
        response: { 200: StageDto, ...notFound, ...notModified },
      },
    },
    async (request, reply) =>
      sendCachedJson(
        request,
        reply,
        cache.get(`stage:${request.params.id}`, () => StageDto.parse(catalog.getStage(request.params.id))),
      ),
  );
};
