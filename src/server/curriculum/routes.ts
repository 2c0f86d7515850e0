import type { FastifyRequest, FastifySchema } from 'fastify';
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
import { CachedJson, JsonCache, sendCachedJson } from '../http/cached-json.js';
import type { Catalog } from './service.js';

const notFound = { 404: Problem };
/** Every catalog answer has an ETag; a matching `If-None-Match` gets this instead of the body. */
const notModified = {
  304: z.null().describe('Not Modified: the `If-None-Match` header names this ETag; no body.'),
};

/** Distinct answers kept serialised: every area, question, level and stage, plus recent searches. */
const CACHE_ENTRIES = 2000;
/**
 * The longest URL whose answer is cached (a search with the longest `q` and `cursor` the query
 * schema allows, percent-encoded, fits), so the cache's keys hold at most a few megabytes.
 */
const MAX_CACHED_URL = 2048;

/** What a catalog route declares: its documentation, its input and the schema of its answer. */
interface CatalogRoute<Params extends z.ZodType, Query extends z.ZodType, Body extends z.ZodType> {
  tags: string[];
  summary: string;
  description?: string;
  params?: Params;
  querystring?: Query;
  /** The 200 body, which every answer is checked against before it is cached; and the errors. */
  response: { 200: Body } & Record<number, z.ZodType>;
}

/**
 * Read-only curriculum endpoints: areas, questions, tags, levels and stages. The catalog does not
 * change while the app runs and no answer depends on who asks, so each distinct answer is checked
 * against its response schema and serialised once, then served from memory with an ETag (a new
 * catalog, at the next start, makes new bodies and so new ETags).
 */
export const curriculumRoutes: FastifyPluginAsyncZod<{ catalog: Catalog }> = async (app, { catalog }) => {
  const cache = new JsonCache(CACHE_ENTRIES);

  /**
   * A public GET whose answer depends only on its validated params and query: built by `answer`
   * on the first request for those inputs, then served from `cache` (see `sendCachedJson`). Its
   * bodies are compressed once, when cached, so the per-request compression hooks are left off.
   * The handler is not async and returns nothing: it has answered by the time it returns, and a
   * promise (or the reply, which Fastify awaits as one) would cost each request more work.
   *
   * The cache is keyed by the URL as sent, which determines the validated input (that is made from
   * it) and is looked up without serialising anything; two spellings of one query are two entries
   * with the same bytes and ETag. A URL longer than `MAX_CACHED_URL` is answered without caching,
   * so long junk query strings cannot fill the cache's memory.
   */
  function cachedCatalogRoute<
    Params extends z.ZodType = z.ZodUndefined,
    Query extends z.ZodType = z.ZodUndefined,
    Body extends z.ZodType = z.ZodType,
  >(
    url: string,
    schema: CatalogRoute<Params, Query, Body>,
    answer: (input: { params: z.output<Params>; query: z.output<Query> }) => unknown,
  ): void {
    // Declared as a plain schema: the input types come from `CatalogRoute`, checked at the call.
    const routeSchema: FastifySchema = { ...schema, response: { ...schema.response, ...notModified } };
    const build = (request: FastifyRequest) =>
      schema.response[200].parse(
        answer({ params: request.params as z.output<Params>, query: request.query as z.output<Query> }),
      );
    app.get(url, { config: { access: 'public' }, compress: false, schema: routeSchema }, (request, reply) => {
      const key = request.url;
      sendCachedJson(
        request,
        reply,
        key.length <= MAX_CACHED_URL ? cache.get(key, () => build(request)) : new CachedJson(build(request)),
      );
    });
  }

  cachedCatalogRoute(
    '/areas',
    { tags: ['curriculum'], summary: 'List the areas', response: { 200: ListOf(AreaDto) } },
    () => ({ items: catalog.listAreas() }),
  );
  cachedCatalogRoute(
    '/areas/:id',
    { tags: ['curriculum'], summary: 'Get an area', params: IdParam, response: { 200: AreaDto, ...notFound } },
    ({ params }) => catalog.getArea(params.id),
  );
  cachedCatalogRoute(
    '/questions',
    {
      tags: ['curriculum'],
      summary: 'List and search questions',
      description: 'Filter by area, level and tag, search the text with `q`, and page with `cursor`.',
      querystring: QuestionListQuery,
      response: { 200: QuestionPage, 400: Problem },
    },
    ({ query }) => catalog.listQuestions(query),
  );
  cachedCatalogRoute(
    '/questions/:id',
    {
      tags: ['curriculum'],
      summary: 'Get a question with its hint, rubric and model answer',
      params: IdParam,
      response: { 200: QuestionDto, ...notFound },
    },
    ({ params }) => catalog.getQuestion(params.id),
  );
  cachedCatalogRoute(
    '/tags',
    { tags: ['curriculum'], summary: 'List tags with their question counts', response: { 200: ListOf(TagDto) } },
    () => ({ items: catalog.listTags() }),
  );
  cachedCatalogRoute(
    '/levels',
    { tags: ['guides'], summary: 'The levels guide', response: { 200: ListOf(LevelDto) } },
    () => ({ items: catalog.listLevels() }),
  );
  cachedCatalogRoute(
    '/levels/:id',
    {
      tags: ['guides'],
      summary: 'Get a level',
      params: z.object({ id: z.string() }),
      response: { 200: LevelDto, ...notFound },
    },
    ({ params }) => catalog.getLevel(params.id),
  );
  cachedCatalogRoute(
    '/stages',
    { tags: ['guides'], summary: 'The interview stages guide', response: { 200: ListOf(StageDto) } },
    () => ({ items: catalog.listStages() }),
  );
  cachedCatalogRoute(
    '/stages/:id',
    {
      tags: ['guides'],
      summary: 'Get a stage',
      params: z.object({ id: z.string() }),
      response: { 200: StageDto, ...notFound },
    },
    ({ params }) => catalog.getStage(params.id),
  );
};
