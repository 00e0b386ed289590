/**
 * Command lines printed back to the user (to resume or replay a run), quoted for a POSIX shell.
 *
 * @module
 */

/** `text` quoted for a POSIX shell when it holds anything but safe characters. */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** `dibsim` followed by the quoted arguments. */
export function dibsimCommand(args: readonly string[]): string {
  return ['dibsim', ...args.map(shellQuote)].join(' ');
}

/**
 * The arguments with `--name value` set: replaced where given (as `--name value` or `--name=value`),
 * appended otherwise.
 */
export function withOption(args: readonly string[], name: string, value: string): string[] {
  const out: string[] = [];
  let found = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === name) {
      out.push(name, value);
      i++;
      found = true;
    } else if (a.startsWith(`${name}=`)) {
      out.push(name, value);
      found = true;
    } else out.push(a);
  }
  return found ? out : [...out, name, value];
}
