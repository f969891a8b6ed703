import { PASSWORD_RESET_MINUTES } from '@finsight/core';
import type { Mail } from './mailer';

/** The password reset mail: the link, how long it works, and what to do if it was not you. */
export function passwordResetMail(to: { email: string; username: string }, link: string): Mail {
  return {
    to: to.email,
    subject: 'Reset your finsight password',
    text: [
      `Hello ${to.username},`,
      '',
      'Someone (hopefully you) asked to reset the password of your finsight account. To choose a new one,',
      `open this link within ${PASSWORD_RESET_MINUTES} minutes:`,
      '',
      link,
      '',
      'The link works once. Setting a new password signs you out everywhere.',
      '',
      'If you did not ask for this, ignore this mail: your password stays as it is.',
      '',
      '— finsight',
    ].join('\n'),
  };
}
