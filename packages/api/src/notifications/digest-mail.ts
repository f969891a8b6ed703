import type { AlertDigest } from '@finsight/core/schemas';
import type { Mail } from '../mail/mailer';
import { absoluteLink } from './webhook';

/** "2026-12-01 09:30 UTC": mails are read anywhere, so the zone is said. */
function utcMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The daily digest: each alert with its link into the web app, and how to turn the mail off. */
export function digestMail(digest: AlertDigest, origin: string): Mail {
  const { total, alerts } = digest;
  const more = total - alerts.length;
  const since = digest.since ? `since ${utcMinute(digest.since)}` : 'in the last day';
  return {
    to: digest.email,
    subject: `finsight: ${total === 1 ? '1 new alert' : `${total} new alerts`}`,
    text: [
      `Hello ${digest.username},`,
      '',
      `${total === 1 ? 'One new alert' : `${total} new alerts`} in finsight ${since}:`,
      '',
      ...alerts.flatMap((alert) => [`- ${alert.message}`, `  ${absoluteLink(origin, alert.link)}`, '']),
      ...(more > 0 ? [`…and ${more} more in finsight: ${origin}/`, ''] : []),
      'You get this mail because the daily digest is on. To turn it off, go to',
      `${origin}/settings#notifications-title`,
      '',
      '— finsight',
    ].join('\n'),
  };
}
