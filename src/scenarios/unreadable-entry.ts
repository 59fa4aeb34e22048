/**
 * Why a scenarios folder or file cannot be read, and what to do, from the error reading it: Node's own words
 * (`EACCES: permission denied, scandir '/me/scenarios/flashback'`) name a system call, not the fix, and reached the
 * user bare, as the CLI's only line.
 *
 * @example
 * toUnreadableReason({ code: 'EACCES', message: "EACCES: permission denied, scandir '/me/sc/flashback'" }, '/me/sc/flashback', 'folder')
 * // 'the folder cannot be read (permission denied): let the user mfa-sandbox runs as read it (chmod a+rX /me/sc/flashback), or move it out of the scenarios directory'
 */
export function toUnreadableReason(error: unknown, path: string, what: 'scenarios directory' | 'folder' | 'file'): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'EACCES' || code === 'EPERM') {
    // `X`: search permission on folders only, which listing a folder's files needs and a file does not.
    const orMove = what === 'scenarios directory' ? '' : ', or move it out of the scenarios directory';
    return `the ${what} cannot be read (permission denied): let the user mfa-sandbox runs as read it (chmod a+rX ${path})${orMove}`;
  }
  // Gone between listing its folder and reading it: the next run (or the watch's next reload) no longer sees it.
  if (code === 'ENOENT') return `the ${what} was removed while it was being read; run again`;
  return `the ${what} cannot be read (${code ?? message})`;
}
