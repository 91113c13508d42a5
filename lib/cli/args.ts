/** A small, strict flag parser: unknown flags are usage errors, not silently ignored. */
export interface ParsedArgs {
  flags: Map<string, string | true>;
  positional: string[];
}

export function parseArgs(args: readonly string[], valueFlags: readonly string[], boolFlags: readonly string[]): ParsedArgs | string {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (boolFlags.includes(name)) flags.set(name, true);
    else if (valueFlags.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) return `--${name} needs a value`;
      flags.set(name, value);
    } else return `unknown option --${name}`;
  }
  return { flags, positional };
}
