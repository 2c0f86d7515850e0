import { z } from 'zod';

/**
 * Free text accepted from people. Control characters are refused because PostgreSQL cannot store
 * NUL at all and the others only ever arrive by accident or as an attack on whoever reads the text
 * next (terminal escapes in logs, invisible characters in a review). Multi-line text keeps tab,
 * line feed and carriage return; single-line text keeps none of them. Every field has a maximum
 * length, stated in the OpenAPI document.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NO_CONTROLS_MULTI_LINE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NO_CONTROLS_SINGLE_LINE = /^[^\u0000-\u001F\u007F-\u009F]*$/;

const CONTROL_CHARACTER_MESSAGE = 'must not contain control characters';

/** One line of text (a name, a label), at most `max` characters. */
export const SingleLineText = (max: number) =>
  z.string().max(max).regex(NO_CONTROLS_SINGLE_LINE, `${CONTROL_CHARACTER_MESSAGE} or line breaks`);

/** Text that may span lines (an answer, a note, code), at most `max` characters. */
export const MultiLineText = (max: number, message?: string) =>
  z
    .string()
    .max(max, message)
    .regex(NO_CONTROLS_MULTI_LINE, `${CONTROL_CHARACTER_MESSAGE} other than tab and line breaks`);
