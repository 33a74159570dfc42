/**
 * A small seeded pseudo-random source (mulberry32) for reproducible test generation: the same seed
 * gives the same sequence on every machine, so a failing seed can be replayed by hand.
 */
export class Random {
  private state: number

  /** Assumes a 32-bit unsigned seed; other numbers are truncated to 32 bits. */
  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let value = this.state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** True with the given probability. */
  chance(probability: number): boolean {
    return this.next() < probability
  }

  /** One element of a non-empty list; throws on an empty list (a generator bug). */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Random.pick: empty list')
    return items[Math.floor(this.next() * items.length)] as T
  }

  /** Between min and max distinct-position picks (duplicates possible when items repeat). */
  some<T>(items: readonly T[], min: number, max: number): T[] {
    const count = this.int(min, max)
    return Array.from({ length: count }, () => this.pick(items))
  }

  /** Picks by weight: `[[weight, value], …]`. */
  weighted<T>(choices: ReadonlyArray<readonly [number, T]>): T {
    const total = choices.reduce((sum, [weight]) => sum + weight, 0)
    let roll = this.next() * total
    for (const [weight, value] of choices) {
      roll -= weight
      if (roll < 0) return value
    }
    return (choices[choices.length - 1] as readonly [number, T])[1]
  }
}

/** A fresh random 32-bit seed (for runs that are not given one). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 4294967296) >>> 0
}
