import { randomBytes, timingSafeEqual } from 'node:crypto'

const MAX_OPEN_TICKETS = 64

/**
 * One-time launch tickets. The printed URL carries a ticket, not the token: the page trades it for
 * the token over POST and the ticket dies, so the URL that Chromium writes to its History file and
 * session files is useless to whoever reads them later. Each read of `openUrl` mints a fresh ticket.
 */
export class LaunchTickets {
  #open: Buffer[] = []

  mint(): string {
    const ticket = randomBytes(24).toString('base64url')
    this.#open.push(Buffer.from(ticket))
    if (this.#open.length > MAX_OPEN_TICKETS) this.#open.shift()
    return ticket
  }

  /** True once per minted ticket; the ticket is gone afterwards. */
  redeem(ticket: unknown): boolean {
    if (typeof ticket !== 'string') return false
    const given = Buffer.from(ticket)
    const index = this.#open.findIndex((candidate) => candidate.length === given.length && timingSafeEqual(candidate, given))
    if (index < 0) return false
    this.#open.splice(index, 1)
    return true
  }
}
