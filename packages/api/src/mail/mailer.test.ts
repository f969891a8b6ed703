import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { createMailer } from './mailer';
import { passwordResetMail } from './messages';

describe('mail without an SMTP server', () => {
  it('goes to the outbox folder as an .eml file, and in development to the log too', async () => {
    const outboxDir = join(mkdtempSync(join(tmpdir(), 'finsight-outbox-')), 'outbox');
    const lines: string[] = [];
    const log = Fastify({
      logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } },
    }).log;
    const mailer = createMailer({
      from: 'finsight <no-reply@finsight.test>',
      outboxDir,
      log,
      logOutboxText: true,
    });
    await mailer.send(
      passwordResetMail(
        { email: 'jane@example.com', username: 'jane' },
        'http://127.0.0.1:3000/reset-password?token=abc',
      ),
    );
    const [file] = readdirSync(outboxDir);
    expect(file).toMatch(/\.eml$/);
    const mail = await simpleParser(readFileSync(join(outboxDir, file ?? '')));
    expect(mail.to).toMatchObject({ text: 'jane@example.com' });
    expect(mail.subject).toBe('Reset your finsight password');
    expect(mail.text).toContain('http://127.0.0.1:3000/reset-password?token=abc');
    expect(lines.join('')).toContain('reset-password?token=abc');
  });

  it('keeps the text out of the log in production', async () => {
    const outboxDir = join(mkdtempSync(join(tmpdir(), 'finsight-outbox-')), 'outbox');
    const lines: string[] = [];
    const log = Fastify({
      logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } },
    }).log;
    const mailer = createMailer({
      from: 'finsight <no-reply@finsight.test>',
      outboxDir,
      log,
      logOutboxText: false,
    });
    await mailer.send(
      passwordResetMail(
        { email: 'jane@example.com', username: 'jane' },
        'http://x/reset-password?token=secret',
      ),
    );
    expect(lines.join('')).toContain('mail written to the outbox');
    expect(lines.join('')).not.toContain('secret');
  });
});
