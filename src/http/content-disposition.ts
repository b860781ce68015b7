/**
 * The Content-Disposition of every download, built in one place (RFC 6266, with RFC 5987's
 * `filename*`): a file name can come from outside — a provider's message Identificatie — and
 * may hold quotes, slashes, `..` or characters outside ASCII, which in a header break it (a
 * 500 when outside Latin-1), or let the name escape its quotes or its folder.
 */

/** `attachment` with an ASCII `filename` for old clients and the exact name, percent-encoded as UTF-8, in `filename*`. */
export function attachment(fileName: string): string {
  // No folders, no control characters and no leading dots (a hidden file) in either form; no name becomes "download".
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const name = fileName.replace(/[/\\]/g, '_').replace(/[\u0000-\u001f\u007f]/g, '_').replace(/^\.+/, (dots) => '_'.repeat(dots.length))
  const safe = name === '' ? 'download' : name
  const ascii = safe
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // é → e
    .replace(/[^\x20-\x7e]|["%;\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(safe)}`
}

/** RFC 5987 `value-chars`: percent-encoded UTF-8, with the characters encodeURIComponent leaves that attr-char does not allow encoded too. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
}
