#!/usr/bin/env node
// The command line runs the same TypeScript modules as the extension, compiled on the fly by tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../lib/cli/main.ts');
const { processIo } = await import('../lib/cli/io.ts');
process.exitCode = await main(process.argv.slice(2), processIo);
