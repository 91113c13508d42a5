#!/usr/bin/env node
// The command line runs the same TypeScript modules as the extension, compiled on the fly by tsx.
import { register } from 'tsx/esm/api';

register();
// `vendor-risk scan ... | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => process.exit(error.code === 'EPIPE' ? 0 : 1));
const { main } = await import('../lib/cli/main.ts');
const { processIo } = await import('../lib/cli/io.ts');
process.exitCode = await main(process.argv.slice(2), processIo);
