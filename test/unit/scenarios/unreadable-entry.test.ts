import { describe, expect, it } from 'vitest';
import { toUnreadableReason } from '../../../src/scenarios/unreadable-entry.js';

const errno = (code: string, message = `${code}: some words, scandir '/me/sc/flashback'`) => Object.assign(new Error(message), { code });

describe('why a scenarios folder or file cannot be read', () => {
  it('names the permission and the fix, not the system call; the scenarios directory itself is not to be moved out of itself', () => {
    expect(toUnreadableReason(errno('EACCES'), '/me/sc/flashback', 'folder')).toBe(
      'the folder cannot be read (permission denied): let the user mfa-sandbox runs as read it (chmod a+rX /me/sc/flashback), or move it out of the scenarios directory',
    );
    expect(toUnreadableReason(errno('EPERM'), '/me/sc/lerian/x.yaml', 'file')).toMatch(/^the file cannot be read \(permission denied\): .*chmod a\+rX \/me\/sc\/lerian\/x\.yaml/);
    expect(toUnreadableReason(errno('EACCES'), '/me/sc', 'scenarios directory')).toBe(
      'the scenarios directory cannot be read (permission denied): let the user mfa-sandbox runs as read it (chmod a+rX /me/sc)',
    );
  });

  it('says a file went while it was read, and gives the code of any other error', () => {
    expect(toUnreadableReason(errno('ENOENT'), '/me/sc/lerian/x.yaml', 'file')).toBe('the file was removed while it was being read; run again');
    expect(toUnreadableReason(errno('EIO'), '/me/sc/lerian', 'folder')).toBe('the folder cannot be read (EIO)');
  });
});
