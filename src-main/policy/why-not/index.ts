/** The "why not?" engine: verified suggestions that would allow a denied question. */
export { whyNot } from './why-not.ts'
export type * from './types.ts'
export { evaluateState, stateOf } from './question.ts'
