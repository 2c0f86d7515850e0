import { createPrompt, isEnterKey, useKeypress, useState } from '@inquirer/core';

interface KeyPromptConfig {
  message: string;
  /** Key → what it does, shown as `a answer · h hint`; keys are single characters. */
  keys: Record<string, string>;
  /** The key Enter picks, if any (the suggested rating). */
  enter?: string;
}

/**
 * One keypress picks an action, like the web drill's shortcuts: no Enter needed. Ctrl+C ends the
 * prompt with inquirer's ExitPromptError, which the CLI turns into exit 130.
 */
export const keyPrompt = createPrompt<string, KeyPromptConfig>((config, done) => {
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  useKeypress((key) => {
    const pressed = isEnterKey(key) ? config.enter : key.name in config.keys ? key.name : undefined;
    if (pressed === undefined) return;
    setChosen(pressed);
    done(pressed);
  });
  const legend = Object.entries(config.keys)
    .map(([key, label]) => `${key} ${label}`)
    .join(' · ');
  if (chosen !== undefined) return `${config.message} ${config.keys[chosen]}`;
  const enter = config.enter === undefined ? '' : ` (Enter: ${config.keys[config.enter]})`;
  return `${config.message} ${legend}${enter}`;
});
