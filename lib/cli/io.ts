/** What a command needs from the outside world, so commands are testable without a process. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
}

/** A command returns its exit code: 0 success, 1 a reported error, 2 bad usage. */
export type CommandRun = (args: string[], io: CliIo) => Promise<number>;

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run: CommandRun;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
};
