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
import type { Catalog } from './service.js';

const notFound = { 404: Problem };
/** The curriculum is the same for everyone, signed in or not. */
const PUBLIC = { access: 'public' } as const;

/** Read-only curriculum endpoints: areas, questions, tags, levels and stages. */
export const curriculumRoutes: FastifyPluginAsyncZod<{ catalog: Catalog }> = async (app, { catalog }) => {
  app.get(
    '/areas',
    { config: PUBLIC, schema: { tags: ['curriculum'], summary: 'List the areas', response: { 200: ListOf(AreaDto) } } },
    async () => ({
      items: catalog.listAreas(),
    }),
  );

  app.get(
    '/areas/:id',
    {
      config: PUBLIC,
      schema: {
        tags: ['curriculum'],
        summary: 'Get an area',
        params: IdParam,
        response: { 200: AreaDto, ...notFound },
      },
    },
    async (request) => catalog.getArea(request.params.id),
  );

  app.get(
    '/questions',
    {
      config: PUBLIC,
      schema: {
        tags: ['curriculum'],
        summary: 'List and search questions',
        description: 'Filter by area, level and tag, search the text with `q`, and page with `cursor`.',
        querystring: QuestionListQuery,
        response: { 200: QuestionPage, 400: Problem },
      },
    },
    async (request) => catalog.listQuestions(request.query),
  );

  app.get(
    '/questions/:id',
    {
      config: PUBLIC,
      schema: {
        tags: ['curriculum'],
        summary: 'Get a question with its hint, rubric and model answer',
        params: IdParam,
        response: { 200: QuestionDto, ...notFound },
      },
    },
    async (request) => catalog.getQuestion(request.params.id),
  );

  app.get(
    '/tags',
    {
      config: PUBLIC,
      schema: {
        tags: ['curriculum'],
        summary: 'List tags with their question counts',
        response: { 200: ListOf(TagDto) },
      },
    },
    async () => ({
      items: catalog.listTags(),
    }),
  );

  app.get(
    '/levels',
    { config: PUBLIC, schema: { tags: ['guides'], summary: 'The levels guide', response: { 200: ListOf(LevelDto) } } },
    async () => ({
      items: catalog.listLevels(),
    }),
  );

  app.get(
    '/levels/:id',
    {
      config: PUBLIC,
      schema: {
        tags: ['guides'],
        summary: 'Get a level',
        params: z.object({ id: z.string() }),
        response: { 200: LevelDto, ...notFound },
      },
    },
    async (request) => catalog.getLevel(request.params.id),
  );

  app.get(
    '/stages',
    {
      config: PUBLIC,
      schema: { tags: ['guides'], summary: 'The interview stages guide', response: { 200: ListOf(StageDto) } },
    },
    async () => ({
      items: catalog.listStages(),
    }),
  );

  app.get(
    '/stages/:id',
    {
      config: PUBLIC,
      schema: {
        tags: ['guides'],
        summary: 'Get a stage',
        params: z.object({ id: z.string() }),
        response: { 200: StageDto, ...notFound },
      },
    },
    async (request) => catalog.getStage(request.params.id),
  );
};
