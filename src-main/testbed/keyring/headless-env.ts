/** What tells a process where the Secret Service is: the D-Bus session and the display it could autolaunch one on. */
const SECRET_SERVICE_VARIABLES = ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'XDG_RUNTIME_DIR'] as const

/**
 * The environment of a headless jump host: `env` (default this process's) plus `extra`, without a
 * D-Bus session or a display, so a child process finds no Secret Service (keytar says "Cannot
 * autolaunch D-Bus without X11 $DISPLAY") and Gatehouse picks the encrypted vault. Assumes the
 * child is started with this environment as a whole (not merged into process.env again).
 */
export function headlessHostEnv(extra: Record<string, string> = {}, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const headless: NodeJS.ProcessEnv = { ...env, ...extra }
  for (const name of SECRET_SERVICE_VARIABLES) delete headless[name]
  return headless
}
