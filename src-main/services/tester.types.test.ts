import { describe, expectTypeOf, it } from 'vitest'
import type { z } from 'zod'
import type { testerContract } from '../api/tester.contract.ts'
import type { evaluateWorkspace } from './tester.service.ts'
import type { TesterAnswer } from './tester.types.ts'

type Evaluate = (typeof testerContract)['tester.evaluate']

// The worker runs evaluateWorkspace off the main thread and its reply is untyped, so the handler's
// return is not checked against the contract there: these assertions are (tsc fails on a drift).
describe('the tester service types match the tester contract', () => {
  it('takes what the contract parses and answers what the contract sends', () => {
    expectTypeOf<z.output<Evaluate['input']>>().toExtend<Parameters<typeof evaluateWorkspace>[0]>()
    expectTypeOf<TesterAnswer>().toExtend<z.input<Evaluate['output']>>()
  })
})
