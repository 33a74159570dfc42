/**
 * Hands `content` to the browser as a file download named `fileName` (a Blob link, so it works the
 * same in the Electron window and in browser mode; main never writes or learns the path).
 */
export function download(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
