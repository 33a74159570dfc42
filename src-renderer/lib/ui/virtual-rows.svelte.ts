import { Virtualizer, elementScroll, observeElementOffset, observeElementRect, type VirtualItem } from '@tanstack/virtual-core'

/**
 * Rune-native rows of a virtualised list, on @tanstack/virtual-core. The virtualizer reports a new
 * range through `onChange`, which bumps one $state counter that `items` and `totalSize` read; the
 * effect that feeds it the count and scroll element reads neither. (The store adapter,
 * @tanstack/svelte-virtual, re-set its store inside `setOptions`, so an effect that read the store
 * to call `setOptions` re-ran itself: Svelte's effect_update_depth_exceeded on every update.)
 */
export class VirtualRows {
  /** Bumped by the virtualizer when its range, scrolling state or size changes. */
  #version = $state(0)
  /** Plain counter behind #version, so bumping never reads a signal (safe inside an effect). */
  #changes = 0
  readonly #virtualizer: Virtualizer<HTMLElement, HTMLElement>

  constructor(rowHeight: number, overscan: number) {
    this.#virtualizer = new Virtualizer<HTMLElement, HTMLElement>({
      count: 0,
      getScrollElement: () => null,
      estimateSize: () => rowHeight,
      overscan,
      observeElementRect,
      observeElementOffset,
      scrollToFn: elementScroll,
      onChange: () => this.#bump(),
    })
  }

  #bump(): void {
    this.#version = ++this.#changes
  }

  /** Feeds the count and the scroll element; call from an $effect. Returns the cleanup. */
  update(element: HTMLElement | null, count: number): void {
    this.#virtualizer.setOptions({ ...this.#virtualizer.options, count, getScrollElement: () => element })
    this.#virtualizer._willUpdate()
    // A new count with the same visible range does not call onChange; the rows must still follow.
    this.#bump()
  }

  /** Starts observing; the returned function stops (for an $effect's teardown). */
  mount(): () => void {
    return this.#virtualizer._didMount()
  }

  get items(): VirtualItem[] {
    void this.#version
    return this.#virtualizer.getVirtualItems()
  }

  get totalSize(): number {
    void this.#version
    return this.#virtualizer.getTotalSize()
  }

  scrollToIndex(index: number): void {
    this.#virtualizer.scrollToIndex(index, { align: 'auto' })
  }
}
