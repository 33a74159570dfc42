import type { Session, WebContents } from 'electron'
import type { DispatchLog } from '../api/dispatch.ts'

/**
 * What a renderer may not do, whatever runs in it: open windows, navigate or be redirected away
 * from our page (any frame), attach a webview, or get any permission (camera, notifications, …).
 */
export function guardWebContents(
  contents: WebContents,
  isAppPage: (url: string) => boolean,
  log: DispatchLog,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    log.warn(`refused a new window for ${url}`)
    return { action: 'deny' }
  })
  const stayOnAppPage = (what: string) => (event: { url: string; preventDefault: () => void }) => {
    if (isAppPage(event.url)) return
    event.preventDefault()
    log.warn(`refused ${what} to ${event.url}`)
  }
  contents.on('will-navigate', stayOnAppPage('navigation'))
  contents.on('will-frame-navigate', stayOnAppPage('frame navigation'))
  contents.on('will-redirect', stayOnAppPage('redirect'))
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    log.warn('refused a webview')
  })
}

export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_, __, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}
