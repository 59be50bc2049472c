import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  host: string;
  port: number;
  received: ParsedMail[];
  /** Envelope recipients per received mail. */
  envelopes: string[][];
  /** Makes the server refuse the next recipient with 550, as a provider does for a blocked address. */
  refuseNextRecipient(): void;
  stop(): Promise<void>;
}

/**
 * A real SMTP server for the tests (npm smtp-server, the protocol side of nodemailer's project):
 * AUTH PLAIN/LOGIN with one login, no TLS on 127.0.0.1, every accepted mail parsed and kept.
 */
export async function startSmtpSink(login: { user: string; password: string }): Promise<SmtpSink> {
  const received: ParsedMail[] = [];
  const envelopes: string[][] = [];
  let refuse = false;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === login.user && auth.password === login.password)
        return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onRcptTo(_address, _session, callback) {
      if (refuse) {
        refuse = false;
        const error = new Error('Mailbox unavailable') as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      return callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          envelopes.push(session.envelope.rcptTo.map((r) => r.address));
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    received,
    envelopes,
    refuseNextRecipient: () => {
      refuse = true;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
