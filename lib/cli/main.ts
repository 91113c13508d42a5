import { dataBuildCommand } from './commands/data-build';
import { dataKeygenCommand } from './commands/data-keygen';
import { dataSignCommand } from './commands/data-sign';
import { dataVerifyCommand } from './commands/data-verify';
import { dataStatsCommand } from './commands/data-stats';
import { importHhsCommand } from './commands/import-hhs';
import { lookupCommand } from './commands/lookup';
import { scanCommand } from './commands/scan';
import { processIo, type CliIo, type Command } from './io';

const COMMANDS: readonly Command[] = [scanCommand, lookupCommand];
const DATA_COMMANDS: readonly Command[] = [dataBuildCommand, importHhsCommand, dataStatsCommand, dataSignCommand, dataKeygenCommand, dataVerifyCommand];

function usage(io: CliIo): void {
  io.err('usage: vendor-risk COMMAND ...');
  for (const c of COMMANDS) io.err(`  ${c.usage.padEnd(52)} ${c.summary}`);
  for (const c of DATA_COMMANDS) io.err(`  ${c.usage.padEnd(52)} ${c.summary}`);
}

export async function main(args: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === 'data') {
    const [sub, ...subArgs] = rest;
    const command = DATA_COMMANDS.find((c) => c.name === sub);
    if (command) return command.run(subArgs, io);
  } else {
    const command = COMMANDS.find((c) => c.name === name);
    if (command) return command.run(rest, io);
  }
  if (name && name !== '--help' && name !== 'help') io.err(`unknown command: ${args.slice(0, 2).join(' ')}`);
  usage(io);
  return name === '--help' || name === 'help' ? 0 : 2;
}

// Run when executed directly (bin/vendor-risk.js or `tsx lib/cli/main.ts`), not when imported by tests.
if (process.argv[1] && /lib[\\/]cli[\\/]main\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2), processIo).then(
    (code) => process.exit(code),
    (error: unknown) => {
      processIo.err(`vendor-risk: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
