import type { OutgoingMail } from './mailer.js';

/** The mails the account flows send. Plain text first: links must survive any mail client. */

export function verificationMail(to: string, link: string): OutgoingMail {
  return {
    to,
    subject: 'Confirm your email for the textbook assistant',
    text: [
      'Welcome to the textbook assistant.',
      '',
      'Confirm your email address by opening this link (valid for 24 hours):',
      link,
      '',
      'If you did not create an account, ignore this mail.',
    ].join('\n'),
  };
}

export function passwordResetMail(to: string, link: string): OutgoingMail {
  return {
    to,
    subject: 'Reset your textbook assistant password',
    text: [
      'Someone asked to reset the password of your textbook assistant account.',
      '',
      'Choose a new password by opening this link (valid for 1 hour, usable once):',
      link,
      '',
      'Resetting signs you out everywhere. If you did not ask for this, ignore this mail:',
      'your password stays as it is.',
    ].join('\n'),
  };
}

/** A link into the page that hosts the widget, carrying the token as a query parameter. */
export function appLink(
  publicAppUrl: string,
  param: 'verify_email' | 'reset_password',
  token: string,
): string {
  const url = new URL(publicAppUrl);
  url.searchParams.set(param, token);
  return url.toString();
}
