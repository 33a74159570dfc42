/**
 * For a request that can overlap itself (a list reload started by a change while the screen's first
 * load is still in flight): each call takes a ticket, and only the newest ticket may apply its
 * answer, so an older, slower answer never overwrites a newer one.
 */
export class LatestCall {
  #issued = 0

  /** Starts a call; the returned check is true while no later call has started. */
  begin(): () => boolean {
    const ticket = ++this.#issued
    return () => ticket === this.#issued
  }
}
