import type { AnswerMaking } from '../pipeline/plain-exchange.js';

/**
 * How each reply's answer was made (a script, an override, a delay or fault, a refusal's rule), for the request's log
 * line, noted only for answers that are not plainly the session's state. Weak: a reply's entry goes with it.
 */
const MAKINGS = new WeakMap<object, AnswerMaking>();

/** Note how `reply`'s answer was made. */
export function noteAnswerMaking(reply: object, making: AnswerMaking): void {
  MAKINGS.set(reply, making);
}

/** How `reply`'s answer was made, if it was noted. */
export function answerMakingOf(reply: object): AnswerMaking | undefined {
  return MAKINGS.get(reply);
}
