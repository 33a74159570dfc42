import type { Locator } from '@playwright/test'

/** The impact preview inside a confirmation dialog (lib/ui/ImpactPreview.svelte). */
export class ImpactPreviewPart {
  constructor(private readonly dialog: Locator) {}

  root(): Locator {
    return this.dialog.getByTestId('impact-preview')
  }

  /** "No one gains or loses access." */
  none(): Locator {
    return this.root().getByTestId('impact-none')
  }

  side(side: 'gained' | 'lost'): Locator {
    return this.root().getByTestId(`impact-${side}`)
  }

  /** One principal's line on one side: its name and what it gains or loses. */
  principal(side: 'gained' | 'lost', kind: 'user' | 'group' | 'accessKey', name: string): Locator {
    return this.side(side).locator(`[data-testid="impact-principal"][data-kind="${kind}"][data-name="${name}"]`)
  }

  confirm(label: string): Locator {
    return this.dialog.getByRole('button', { name: label, exact: true })
  }

  cancel(): Locator {
    return this.dialog.getByRole('button', { name: 'Cancel', exact: true })
  }
}
