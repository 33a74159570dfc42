/** An immutable selection: state holds it raw and replaces it whole. */
function selection(keys: Iterable<string>): ReadonlySet<string> {
  return new Set(keys)
}

/**
 * A bulk selection by key (a user's or an access key's name), not by row position, so it survives
 * scrolling a virtualised list, filtering and re-listing. Used by the Users and Access keys screens.
 * It belongs to one connection: two servers often share names, so a selection made on one never
 * carries over to another (a bulk change would hit the other server's entities); `onDropped` lets
 * the owner forget what else it kept for the old connection.
 */
export class KeyedSelection {
  /**
   * Replaced whole on every change (one signal), never mutated: with 10,000 rows, a SvelteSet made
   * "select all" 10,000 signal writes and every filter keystroke 10,000 per-key reads.
   */
  selected = $state.raw(selection([]))
  #owner: string | null = null

  constructor(
    private readonly connectionId: () => string | null,
    private readonly onDropped: () => void = () => {},
  ) {}

  toggle(key: string, isOn: boolean): void {
    this.change([key], isOn)
  }

  change(keys: Iterable<string>, isOn: boolean): void {
    this.adoptConnection()
    const changing = selection(keys)
    this.selected = isOn ? selection([...this.selected, ...changing]) : selection([...this.selected].filter((key) => !changing.has(key)))
  }

  /** Drops a selection made on another connection than the one now shown. */
  adoptConnection(): void {
    const current = this.connectionId()
    if (current === this.#owner) return
    this.selected = selection([])
    this.onDropped()
    this.#owner = current
  }

  /** Selects (or unselects) exactly the keys shown; the other selected ones stay selected. */
  setShown(shown: readonly string[], isOn: boolean): void {
    this.change(shown, isOn)
  }

  isAllSelected(shown: readonly string[]): boolean {
    return shown.length > 0 && shown.every((key) => this.selected.has(key))
  }

  clear(): void {
    this.selected = selection([])
  }

  /** Drops selected keys the list no longer has (deleted here or elsewhere). */
  keepOnly(present: Iterable<string>): void {
    const kept = selection(present)
    this.selected = selection([...this.selected].filter((key) => kept.has(key)))
  }
}
