import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { color, oneDarkTheme } from '@codemirror/theme-one-dark';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

/** One Dark's grey, coral and violet, lightened to reach WCAG AA contrast (4.5:1) on its background. */
const stone = '#9da5b4';
const coral = '#e8848c';
const violet = '#d18de8';

/**
 * One Dark with readable comments, line numbers and names: the original grey (#7d8799) is 3.9:1 and
 * its coral and violet 4.4:1 against #282c34 and the active line, below WCAG AA. Same colours otherwise.
 */
export const accessibleDark = [
  oneDarkTheme,
  EditorView.theme({ '.cm-gutters .cm-gutterElement': { color: stone } }, { dark: true }),
  syntaxHighlighting(
    HighlightStyle.define([
      { tag: tags.keyword, color: violet },
      { tag: [tags.name, tags.deleted, tags.character, tags.propertyName, tags.macroName], color: coral },
      { tag: [tags.function(tags.variableName), tags.labelName], color: color.malibu },
      { tag: [tags.color, tags.constant(tags.name), tags.standard(tags.name)], color: color.whiskey },
      { tag: [tags.definition(tags.name), tags.separator], color: color.ivory },
      {
        tag: [
          tags.typeName,
          tags.className,
          tags.number,
          tags.changed,
          tags.annotation,
          tags.modifier,
          tags.self,
          tags.namespace,
        ],
        color: color.chalky,
      },
      {
        tag: [
          tags.operator,
          tags.operatorKeyword,
          tags.url,
          tags.escape,
          tags.regexp,
          tags.link,
          tags.special(tags.string),
        ],
        color: color.cyan,
      },
      { tag: [tags.meta, tags.comment], color: stone },
      { tag: tags.strong, fontWeight: 'bold' },
      { tag: tags.emphasis, fontStyle: 'italic' },
      { tag: tags.strikethrough, textDecoration: 'line-through' },
      { tag: tags.link, color: stone, textDecoration: 'underline' },
      { tag: tags.heading, fontWeight: 'bold', color: coral },
      { tag: [tags.atom, tags.bool, tags.special(tags.variableName)], color: color.whiskey },
      { tag: [tags.processingInstruction, tags.string, tags.inserted], color: color.sage },
      { tag: tags.invalid, color: color.invalid },
    ]),
  ),
];

/**
 * CodeMirror's default light highlighting with its two colours below WCAG AA on white raised:
 * regular-expression/escape orange (#e40, 3.8:1) and invalid red (#f00, 4.0:1).
 */
export const accessibleLight = syntaxHighlighting(
  HighlightStyle.define([
    { tag: tags.meta, color: '#404740' },
    { tag: tags.link, textDecoration: 'underline' },
    { tag: tags.heading, textDecoration: 'underline', fontWeight: 'bold' },
    { tag: tags.emphasis, fontStyle: 'italic' },
    { tag: tags.strong, fontWeight: 'bold' },
    { tag: tags.strikethrough, textDecoration: 'line-through' },
    { tag: tags.keyword, color: '#708' },
    { tag: [tags.atom, tags.bool, tags.url, tags.contentSeparator, tags.labelName], color: '#219' },
    { tag: [tags.literal, tags.inserted], color: '#164' },
    { tag: [tags.string, tags.deleted], color: '#a11' },
    { tag: [tags.regexp, tags.escape, tags.special(tags.string)], color: '#c03500' },
    { tag: tags.definition(tags.variableName), color: '#00f' },
    { tag: tags.local(tags.variableName), color: '#30a' },
    { tag: [tags.typeName, tags.namespace], color: '#085' },
    { tag: tags.className, color: '#167' },
    { tag: [tags.special(tags.variableName), tags.macroName], color: '#256' },
    { tag: tags.definition(tags.propertyName), color: '#00c' },
    { tag: tags.comment, color: '#940' },
    { tag: tags.invalid, color: '#d00000' },
  ]),
);
