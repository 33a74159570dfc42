import { describe, expect, it } from 'vitest'
import { KeyedSelection } from './keyed-selection.svelte.ts'

describe('KeyedSelection (the Users and Access keys screens\' bulk selection)', () => {
  it('selects by key: the shown ones on or off, the others kept', () => {
    const selection = new KeyedSelection(() => 'conn-a')
    selection.toggle('k1', true)
    selection.setShown(['k2', 'k3'], true)
    expect([...selection.selected].sort()).toEqual(['k1', 'k2', 'k3'])
    expect(selection.isAllSelected(['k2', 'k3'])).toBe(true)
    selection.setShown(['k2'], false)
    expect([...selection.selected].sort()).toEqual(['k1', 'k3'])
    expect(selection.isAllSelected([])).toBe(false)
  })

  it('keepOnly drops keys the list no longer has; clear empties it', () => {
    const selection = new KeyedSelection(() => 'conn-a')
    selection.change(['k1', 'k2', 'k3'], true)
    selection.keepOnly(['k2', 'k3', 'k9'])
    expect([...selection.selected].sort()).toEqual(['k2', 'k3'])
    selection.clear()
    expect(selection.selected.size).toBe(0)
  })

  it('never carries over to another connection, and tells its owner', () => {
    let connection = 'conn-a'
    let dropped = 0
    const selection = new KeyedSelection(() => connection, () => dropped++)
    selection.toggle('k1', true)
    connection = 'conn-b'
    selection.toggle('k2', true)
    expect([...selection.selected]).toEqual(['k2'])
    expect(dropped).toBe(2) // once when first adopted, once on the switch
  })

  it('replaces the set on every change (one signal), never mutates it', () => {
    const selection = new KeyedSelection(() => 'conn-a')
    const before = selection.selected
    selection.toggle('k1', true)
    expect(selection.selected).not.toBe(before)
    expect(before.size).toBe(0)
  })
})
