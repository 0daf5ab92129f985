import { parseArgs, type ParseArgsConfig } from "node:util";

/**
 * The command line of a gridgraph script, read with node:util parseArgs: unknown options and
 * missing values are refused with the script's usage (exit 2) instead of being ignored.
 */
export function readCommandLine<T extends NonNullable<ParseArgsConfig["options"]>>(
  options: T,
  usage: string,
  args = process.argv.slice(2),
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    process.exit(2);
  }
}
