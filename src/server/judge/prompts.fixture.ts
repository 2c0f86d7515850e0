import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import {
  BehaviouralPromptFrontMatter,
  DesignPromptFrontMatter,
  ScreenPromptFrontMatter,
  type BehaviouralPrompt,
  type DesignPrompt,
  type ScreenPrompt,
} from '../../shared/mock-content.js';
import { parseFrontMatter } from '../content/front-matter.js';
import { CONTENT_DIR } from '../paths.js';

/** Mock-interview prompts read straight from `content/`, for the judges' tests. */
async function loadContent<S extends z.ZodType>(
  folder: string,
  id: string,
  schema: S,
): Promise<{ value: z.output<S>; body: string }> {
  const file = path.join(CONTENT_DIR, folder, `${id}.md`);
  const parsed = parseFrontMatter(file, await readFile(file, 'utf8'), schema);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.file}:${p.line} ${p.message}`).join('\n'));
  return { value: parsed.value, body: parsed.body };
}

export async function loadBehavioural(id: string): Promise<BehaviouralPrompt> {
  const { value, body } = await loadContent('behavioural-prompts', id, BehaviouralPromptFrontMatter);
  return { ...value, example: body };
}

export async function loadScreen(id: string): Promise<ScreenPrompt> {
  const { value, body } = await loadContent('screen-prompts', id, ScreenPromptFrontMatter);
  return { ...value, guidance: body };
}

export async function loadDesign(id: string): Promise<DesignPrompt> {
  const { value, body } = await loadContent('design-prompts', id, DesignPromptFrontMatter);
  return { ...value, reference: body };
}
