import { describe, expectTypeOf, it } from 'vitest'
import type { z } from 'zod'
import type { AccountView as ServiceAccountView } from '../services/iam-names.ts'
import type { IamState } from '../services/tester.types.ts'
import type * as Views from '../services/views.types.ts'
import type { RestorePreview, RestoreResult } from '../services/policy-restore.service.ts'
import type { ShownError } from '../shared/show-error.ts'
import type { accessKeysContract } from './access-keys.contract.ts'
import type { accessContract } from './access.contract.ts'
import type { accountContract } from './account.contract.ts'
import type { bulkContract } from './bulk.contract.ts'
import type { shownError } from './fields.ts'
import type { groupsContract } from './groups.contract.ts'
import type { policiesContract } from './policies.contract.ts'
import type { policyRestoreContract } from './policy-restore.contract.ts'
import type { testerContract } from './tester.contract.ts'
import type { usersContract } from './users.contract.ts'

// Services own their types (services/views.types.ts and friends) and the contract its zod schemas:
// neither imports the other, so these assertions hold each pair equal. A drift fails `tsc`.
type Out<C, K extends keyof C> = C[K] extends { output: z.ZodType } ? z.output<C[K]['output']> : never
type In<C, K extends keyof C> = C[K] extends { input: z.ZodType } ? z.output<C[K]['input']> : never
type Item<T> = T extends Array<infer I> ? I : never

describe('the services’ types and the contract’s schemas describe the same shapes', () => {
  it('users and groups', () => {
    expectTypeOf<Views.UserView>().toEqualTypeOf<Item<Out<typeof usersContract, 'users.list'>>>()
    expectTypeOf<Views.UserDetail>().toEqualTypeOf<Out<typeof usersContract, 'users.get'>>()
    expectTypeOf<Views.GroupView>().toEqualTypeOf<Out<typeof groupsContract, 'groups.get'>>()
  })

  it('policies', () => {
    expectTypeOf<Views.PolicySummary>().toEqualTypeOf<Item<Out<typeof policiesContract, 'policies.list'>>>()
    expectTypeOf<Views.PolicyDetail>().toEqualTypeOf<Out<typeof policiesContract, 'policies.get'>>()
    expectTypeOf<Views.PolicyEntitiesView>().toEqualTypeOf<Out<typeof policiesContract, 'policies.entities'>>()
    expectTypeOf<Views.PolicyRemoval>().toEqualTypeOf<Out<typeof policiesContract, 'policies.remove'>>()
    expectTypeOf<RestorePreview>().toEqualTypeOf<Out<typeof policyRestoreContract, 'policies.restorePreview'>>()
    expectTypeOf<RestoreResult>().toEqualTypeOf<Out<typeof policyRestoreContract, 'policies.restore'>>()
    expectTypeOf<Views.PolicyIssue>().toEqualTypeOf<Item<Out<typeof policiesContract, 'policies.validate'>['issues']>>()
  })

  it('access keys and the account', () => {
    expectTypeOf<Views.AccessKeyDetail>().toEqualTypeOf<Out<typeof accessKeysContract, 'accessKeys.get'>>()
    expectTypeOf<Views.AccessKeyRow>().toEqualTypeOf<Item<Out<typeof accessKeysContract, 'accessKeys.listAll'>>>()
    expectTypeOf<Views.AccessKeyFacts>().toEqualTypeOf<Item<Out<typeof accessKeysContract, 'accessKeys.details'>>>()
    expectTypeOf<Views.UserBulkReport>().toEqualTypeOf<Out<typeof accessKeysContract, 'accessKeys.bulkSetStatus'>>()
    expectTypeOf<ServiceAccountView>().toEqualTypeOf<Out<typeof accountContract, 'account.info'>>()
  })

  it('the bulk channel: its action in, its report out', () => {
    expectTypeOf<Views.UserBulkAction>().toEqualTypeOf<In<typeof bulkContract, 'users.bulk'>['action']>()
    expectTypeOf<Views.UserBulkReport>().toEqualTypeOf<Out<typeof bulkContract, 'users.bulk'>>()
    expectTypeOf<ShownError>().toEqualTypeOf<z.output<typeof shownError>>()
  })

  it('access questions and the tester’s IAM state', () => {
    expectTypeOf<Views.WhoCanView>().toEqualTypeOf<Out<typeof accessContract, 'access.whoCan'>>()
    expectTypeOf<Views.MatrixView>().toEqualTypeOf<Out<typeof accessContract, 'access.matrix'>>()
    expectTypeOf<IamState>().toEqualTypeOf<Out<typeof testerContract, 'tester.loadPrincipal'>>()
    expectTypeOf<IamState>().toEqualTypeOf<Out<typeof testerContract, 'tester.loadSnapshot'>>()
  })
})
