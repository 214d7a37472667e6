import { StrategyParamError } from '../engine/strategy/params.ts';
import { resolveDataDir } from '../services/data-dir.ts';
import { SweepInputError } from '../services/sweeps/sweep-errors.ts';
import { checkpointsCommand } from './commands/checkpoints.ts';
import { dataCommand } from './commands/data.ts';
import { resumeCommand } from './commands/resume.ts';
import { runCommand } from './commands/run.ts';
import { runsCommand } from './commands/runs.ts';
import { settingsCommand } from './commands/settings.ts';
import { strategiesCommand } from './commands/strategies.ts';
import { sweepCommand } from './commands/sweep.ts';
import { sweepsCommand } from './commands/sweeps.ts';
import { workerCommand } from './commands/worker.ts';
import { CliContext, type CliIo } from './context.ts';
import { terminalSafe } from './terminal-safe.ts';
import { USAGE, UsageError } from './usage.ts';

/** Pulls the global options out of argv wherever they stand. */
function globalOptions(argv: string[]): {
  rest: string[];
  dataDir?: string;
  verbose: boolean;
  help: boolean;
} {
  const rest: string[] = [];
  let dataDir: string | undefined;
  let verbose = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data-dir') {
      dataDir = argv[++i];
      if (dataDir === undefined) throw new UsageError('--data-dir needs a folder');
    } else if (a.startsWith('--data-dir=')) dataDir = a.slice('--data-dir='.length);
    else if (a === '--verbose') verbose = true;
    else if (a === '-h' || a === '--help') help = true;
    else rest.push(a);
  }
  return { rest, dataDir, verbose, help };
}

/**
 * Commands that never write the data folder: they also work when it cannot be written (a
 * read-only mount). `checkpoints verify` is not one: it quarantines a damaged file.
 */
const READ_ONLY_COMMANDS = new Set([
  'data list',
  'runs list',
  'runs show',
  'runs trades',
  'runs bars',
  'runs export',
  'checkpoints list',
  'checkpoints inspect',
  'checkpoints diff',
  'strategies list',
]);

function onlyReads(command: string, args: string[]): boolean {
  // A dry run of the checkpoint budget, and showing a setting, read only.
  if (command === 'checkpoints' && args[0] === 'gc') return args.includes('--dry-run');
  if (command === 'settings') return args.filter((a) => !a.startsWith('--')).length <= 1;
  // Showing a symbol's spec reads only; any other flag than --json changes it.
  if (command === 'data' && args[0] === 'spec')
    return args.slice(1).every((a) => a === '--json' || !a.startsWith('--'));
  return READ_ONLY_COMMANDS.has(`${command} ${args[0] ?? ''}`);
}

/** Runs one CLI invocation and returns its exit code: 0 success, 1 error, 2 usage. */
export async function main(
  argv: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let verbose = argv.includes('--verbose');
  let ctx: CliContext | undefined;
  try {
    const g = globalOptions(argv);
    verbose = g.verbose;
    const [command, ...args] = g.rest;
    if (g.help || command === undefined || command === 'help') {
      io.stdout.write(USAGE);
      return command === undefined && !g.help ? 2 : 0;
    }
    ctx = new CliContext(resolveDataDir({ flag: g.dataDir, env }), io, onlyReads(command, args));
    switch (command) {
      case 'data':
        return await dataCommand(ctx, args);
      case 'run':
        return await runCommand(ctx, args);
      case 'runs':
        return runsCommand(ctx, args);
      case 'resume':
        return await resumeCommand(ctx, args);
      case 'checkpoints':
        return await checkpointsCommand(ctx, args);
      case 'strategies':
        return await strategiesCommand(ctx, args);
      case 'settings':
        return settingsCommand(ctx, args);
      case 'sweep':
        return await sweepCommand(ctx, args);
      case 'sweeps':
        return await sweepsCommand(ctx, args);
      case 'worker':
        return await workerCommand(ctx, args);
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (err) {
    return reportError(err, io, verbose);
  } finally {
    ctx?.close();
  }
}

function reportError(err: unknown, io: CliIo, verbose: boolean): number {
  const e = err instanceof Error ? err : new Error(String(err));
  const code = (e as { code?: string }).code;
  // A bad --param is a mistake in the call, like an unknown option.
  const usage =
    e instanceof UsageError ||
    e instanceof StrategyParamError ||
    e instanceof SweepInputError ||
    (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'));
  // Messages quote user data (CSV lines, file names, strategy errors): never raw to the terminal.
  io.stderr.write(`backtestr: ${terminalSafe(e.message)}\n`);
  if (verbose && e.stack) io.stderr.write(terminalSafe(e.stack) + '\n');
  if (usage) io.stderr.write(`run 'backtestr --help' for usage\n`);
  return usage ? 2 : 1;
}
