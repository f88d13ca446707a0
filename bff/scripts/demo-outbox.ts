import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';

/**
 * Without SMTP the BFF writes each mail as an .eml file. The file is quoted-printable (`=3D` in
 * every link), so the demo prints each new mail's links decoded, ready to open.
 */
export function printOutboxLinks(outbox: string, print: (line: string) => void = console.log): FSWatcher {
  mkdirSync(outbox, { recursive: true });
  const seen = new Set<string>();
  return watch(outbox, (_event, name) => {
    if (!name?.endsWith('.eml') || seen.has(name)) return;
    seen.add(name);
    // The event can come before the write has finished: read a moment later.
    setTimeout(() => void describeMail(join(outbox, name)).then(print, () => seen.delete(name)), 150);
  });
}

export async function describeMail(file: string): Promise<string> {
  const mail = await simpleParser(await readFile(file));
  const links = [...new Set(mail.text?.match(/https?:\/\/[^\s<>"]+/g) ?? [])];
  const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
  return [`\nMail to ${to}: ${mail.subject ?? '(no subject)'}`, ...links.map((l) => `  ${l}`)].join('\n');
}
