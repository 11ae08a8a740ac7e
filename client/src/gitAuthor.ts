import { execFile } from 'node:child_process';
import * as os from 'node:os';

/**
 * New Spec Delta's author: git's user.name. In an untrusted workspace only the user's global
 * configuration is read and git runs in the home folder, so nothing of the workspace is used:
 * not its `.git/config`, and not a `git` program lying in it (Windows looks for programs in the
 * working folder first). package.json's `untrustedWorkspaces` statement says so.
 */
export function gitUserNameCommand(trusted: boolean, folder: string | undefined, home = os.homedir()): { args: string[]; cwd: string } {
  return trusted && folder ? { args: ['config', 'user.name'], cwd: folder } : { args: ['config', '--global', 'user.name'], cwd: home };
}

/** git's user.name, or undefined when git is missing, slow or has none. */
export function gitUserName(trusted: boolean, folder: string | undefined): Promise<string | undefined> {
  const { args, cwd } = gitUserNameCommand(trusted, folder);
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: 2000, windowsHide: true }, (error, stdout) => {
      const name = stdout?.trim();
      resolve(error || !name ? undefined : name);
    });
  });
}
