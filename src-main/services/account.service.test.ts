import { describe, expect, it } from 'vitest'
import { capabilitiesOf } from './account.service.ts'

describe('capabilitiesOf', () => {
  it('allows everything under admin:* (consoleAdmin)', () => {
    const can = capabilitiesOf({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['admin:*'] }, { Effect: 'Allow', Action: ['s3:*'], Resource: ['arn:aws:s3:::*'] }] })
    expect(Object.values(can).every(Boolean)).toBe(true)
  })

  it('allows only what is listed, and an unconditional Deny wins', () => {
    const can = capabilitiesOf({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['admin:List*', 'admin:GetUser', 'admin:CreateUser'] },
        { Effect: 'Deny', Action: ['admin:ListGroups'] },
      ],
    })
    expect(can.listUsers).toBe(true)
    expect(can.getUser).toBe(true)
    expect(can.createUser).toBe(true)
    expect(can.listGroups).toBe(false)
    expect(can.deleteUser).toBe(false)
  })

  it('treats a conditional Deny as maybe (nothing hidden) and reads NotAction', () => {
    const can = capabilitiesOf({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', NotAction: ['admin:DeleteUser'] },
        { Effect: 'Deny', Action: ['admin:CreateUser'], Condition: { Bool: { 'aws:SecureTransport': ['false'] } } },
      ],
    })
    expect(can.createUser).toBe(true)
    expect(can.deleteUser).toBe(false)
  })

  it('allows nothing for an empty policy (a user with no policies)', () => {
    expect(Object.values(capabilitiesOf({})).some(Boolean)).toBe(false)
  })
})
