import type { Command, Option } from 'commander';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;

interface Node {
  /** Command words from the root, e.g. ['lab', 'get']; [] for `onsite` itself. */
  path: string[];
  description: string;
  subcommands: string[];
  options: Option[];
  /** Values of the first argument, when it has choices (`completion <shell>`). */
  argumentChoices: readonly string[];
}

/** Every command of the tree, walked once, so the scripts always match the commands that exist. */
function nodes(program: Command): Node[] {
  const found: Node[] = [];
  const visit = (command: Command, path: string[]) => {
    const visible = command.commands.filter((c) => c.name() !== 'help');
    found.push({
      path,
      description: command.description(),
      subcommands: visible.map((c) => c.name()),
      options: command.options.filter((o) => o.long),
      argumentChoices: command.registeredArguments[0]?.argChoices ?? [],
    });
    for (const sub of visible) visit(sub, [...path, sub.name()]);
  };
  visit(program, []);
  return found;
}

const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/**
 * The completion script for `shell`: commands, subcommands, options, and the values of options
 * and arguments with a fixed set of choices (`--area`, `--level`, `--language`, the shells).
 */
export function completionScript(program: Command, shell: string): string {
  if (shell === 'fish') return fishScript(program);
  const bash = bashScript(program);
  if (shell === 'bash') return bash;
  // zsh runs the bash function through its bashcompinit layer.
  return `#compdef onsite\nautoload -U +X bashcompinit && bashcompinit\n${bash}`;
}

function bashScript(program: Command): string {
  const all = nodes(program);
  const descend = all
    .filter((n) => n.path.length > 0)
    .map((n) => `"${n.path.slice(0, -1).join(' ')}:${n.path.at(-1)}"`);
  const values = new Map<string, readonly string[]>();
  for (const node of all) {
    for (const o of node.options) if (o.argChoices) values.set(o.long!, o.argChoices);
  }
  const lines = [
    '# onsite completion for bash: eval "$(onsite completion bash)" in ~/.bashrc',
    '_onsite() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" path="" w i',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    w="${COMP_WORDS[i]}"',
    '    case "$path:$w" in',
    `      ${descend.join('|')}) path="\${path:+$path }$w" ;;`,
    '    esac',
    '  done',
    '  case "$prev" in',
    ...[...values].map(
      ([option, choices]) =>
        `    ${option}) COMPREPLY=($(compgen -W ${quote(choices.join(' '))} -- "$cur")); return ;;`,
    ),
    '  esac',
    '  local words=""',
    '  case "$path" in',
    ...all.map((n) => {
      const words = [...n.subcommands, ...n.argumentChoices, ...n.options.map((o) => o.long!), '--help'];
      return `    ${quote(n.path.join(' '))}) words=${quote(words.join(' '))} ;;`;
    }),
    '  esac',
    '  COMPREPLY=($(compgen -W "$words" -- "$cur"))',
    '}',
    'complete -o default -F _onsite onsite',
  ];
  return lines.join('\n');
}

function fishScript(program: Command): string {
  const all = nodes(program);
  const lines = [
    '# onsite completion for fish: onsite completion fish > ~/.config/fish/completions/onsite.fish',
    'complete -c onsite -f',
  ];
  for (const node of all) {
    // A node applies when its path was typed and none of its subcommands yet.
    const seen = node.path.map((word) => `__fish_seen_subcommand_from ${word}`);
    const notDeeper = node.subcommands.length ? [`not __fish_seen_subcommand_from ${node.subcommands.join(' ')}`] : [];
    const condition = node.path.length === 0 ? '__fish_use_subcommand' : [...seen, ...notDeeper].join('; and ');
    for (const name of node.subcommands) {
      const sub = all.find((n) => n.path.join(' ') === [...node.path, name].join(' '))!;
      lines.push(`complete -c onsite -n ${quote(condition)} -a ${name} -d ${quote(sub.description)}`);
    }
    if (node.argumentChoices.length)
      lines.push(`complete -c onsite -n ${quote(condition)} -a ${quote(node.argumentChoices.join(' '))}`);
    for (const o of node.options) {
      const values = o.argChoices ? ` -xa ${quote(o.argChoices.join(' '))}` : o.required || o.optional ? ' -r' : '';
      const description = o.description ? ` -d ${quote(o.description)}` : '';
      lines.push(`complete -c onsite -n ${quote(condition)} -l ${o.long!.slice(2)}${values}${description}`);
    }
  }
  return lines.join('\n');
}
