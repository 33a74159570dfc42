import { describe, expect, it } from 'vitest'
import { summarizePolicy } from './policy-summary.ts'

describe('summarizePolicy', () => {
  it('says what each statement does in words', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [
      { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::team', 'arn:aws:s3:::team/home/*'], Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, 'ForAnyValue:StringLike': { 's3:prefix': ['home/', 'pub/'] } } },
      { Effect: 'Deny', NotAction: 's3:*', Resource: '*' },
      { Effect: 'Allow', Action: 'admin:*' },
    ] })
    expect(summarizePolicy(text)).toEqual([
      { title: 'Statement 1 “Read”', effect: 'Allows', actions: 's3:GetObject and s3:ListBucket', resources: 'bucket team and objects under team/home/',
        conditions: ['aws:SourceIp is in 10.0.0.0/8', 'any value of s3:prefix matches one of home/, pub/'] },
      { title: 'Statement 2', effect: 'Denies', actions: 'every action except every S3 action', resources: 'every bucket and object', conditions: [] },
      { title: 'Statement 3', effect: 'Allows', actions: 'every admin action', resources: 'no resource (admin and KMS actions need none)', conditions: [] },
    ])
  })

  it('reads field names as MinIO does (any case) and answers undefined for text that is not a policy yet', () => {
    expect(summarizePolicy('{"statement":{"effect":"Allow","action":"s3:GetObject","resource":"arn:aws:s3:::b/*"}}')?.[0]).toMatchObject({ effect: 'Allows', resources: 'every object in b' })
    expect(summarizePolicy('{"Statement": [')).toBeUndefined()
    expect(summarizePolicy('[]')).toBeUndefined()
    expect(summarizePolicy('{"Version":"2012-10-17"}')).toBeUndefined()
  })
})
