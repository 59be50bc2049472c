import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const DOVECOT = '/usr/sbin/dovecot';

/** Debian's dovecot-imapd; .ci/run installs it. */
export const dovecotInstalled = () => existsSync(DOVECOT);

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Delivers a message the way an MDA does: a file in the user's Maildir/new. */
  deliver(raw: string | Buffer): void;
  stop(): Promise<void>;
}

/**
 * A real IMAP server for the tests: dovecot in the foreground on a free port, one user with a
 * Maildir in a temporary directory, plain login on 127.0.0.1 only.
 */
export async function startDovecot(): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'immoxx-dovecot-'));
  // The auth and mail processes run as the mail user and must reach the passwd file and the Maildir.
  chmodSync(dir, 0o755);
  const user = 'makler@bodensee.test';
  const password = 'Postfach-2026';
  const root = process.getuid?.() === 0;
  // Dovecot never serves mail as root: the mailbox belongs to nobody when the tests run as root.
  const mailUser = root ? 'nobody' : userInfo().username;
  const mailGroup = root ? 'nogroup' : execFileSync('id', ['-gn']).toString().trim();
  const uid = root ? 65534 : (process.getuid?.() ?? 1000);
  const gid = root ? 65534 : (process.getgid?.() ?? 1000);
  const maildir = join(dir, 'home', 'makler', 'Maildir');
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
  if (root)
    for (const p of [
      join(dir, 'home'),
      join(dir, 'home', 'makler'),
      maildir,
      ...['cur', 'new', 'tmp'].map((s) => join(maildir, s)),
    ])
      chownSync(p, uid, gid);
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`);
  const port = 15_000 + Math.floor(Math.random() * 5000);
  mkdirSync(join(dir, 'run'));
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/run
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = ${dir}/dovecot.log
default_internal_user = ${mailUser}
default_internal_group = ${mailGroup}
default_login_user = ${mailUser}
first_valid_uid = 1
mail_location = maildir:${dir}/home/%n/Maildir
passdb {
  driver = passwd-file
  args = ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%n
}
service imap-login {
  chroot =
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`,
  );
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  await waitForPort(port);
  let n = 0;
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    deliver(raw) {
      const name = `${Date.now()}.M${++n}P${process.pid}.immoxx-test`;
      const file = join(maildir, 'new', name);
      writeFileSync(file, raw);
      if (root) chownSync(file, uid, gid);
    },
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
    },
  };
}

async function waitForPort(port: number): Promise<void> {
  const end = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`dovecot did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
