import { describe, expect, it } from 'vitest'
import { forEachConcurrently } from './concurrently.ts'

/** A task whose calls stay open until released, recording how many are open at once. */
function heldTask() {
  const started: string[] = []
  const release = new Map<string, () => void>()
  let open = 0
  let mostOpen = 0
  const task = async (item: string) => {
    started.push(item)
    mostOpen = Math.max(mostOpen, ++open)
    await new Promise<void>((resolve) => release.set(item, resolve))
    open--
  }
  return { task, started, release, mostOpen: () => mostOpen }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('forEachConcurrently', () => {
  it('keeps at most `limit` tasks in flight and starts the next as one finishes', async () => {
    const held = heldTask()
    const run = forEachConcurrently(['a', 'b', 'c', 'd'], 2, held.task)
    await settle()
    expect(held.started).toEqual(['a', 'b'])
    held.release.get('b')?.()
    await settle()
    expect(held.started).toEqual(['a', 'b', 'c'])
    for (const item of ['a', 'c']) held.release.get(item)?.()
    await settle()
    held.release.get('d')?.()
    await run
    expect(held.started).toEqual(['a', 'b', 'c', 'd'])
    expect(held.mostOpen()).toBe(2)
  })

  it('settles at once for no items and runs every item once', async () => {
    await forEachConcurrently([], 2, async () => { throw new Error('no item to run') })
    const seen: number[] = []
    await forEachConcurrently([1, 2, 3], 8, async (item) => { seen.push(item) })
    expect(seen).toEqual([1, 2, 3])
  })
})
