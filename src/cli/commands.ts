/**
 * Where each command's full definition lives. `headroom --help` and `--version` need only the
 * names and descriptions (descriptions.ts), so they start without loading the simulation, the
 * scenario schemas or the report's chart libraries; a named command loads its own module only.
 */
import type { Command } from 'commander';
import type { CommandName, SetExit } from './descriptions.ts';

type Register = (program: Command, setExit: SetExit) => void;

export interface CommandGroup {
  /** the commands the module defines */
  names: readonly CommandName[];
  load: () => Promise<Register>;
}

export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { names: ['run', 'validate'], load: async () => (await import('./run-commands.ts')).registerRunCommands },
  { names: ['decide'], load: async () => (await import('./decide-command.ts')).registerDecideCommand },
  { names: ['report', 'compare'], load: async () => (await import('./report-commands.ts')).registerReportCommands },
  { names: ['sweep', 'merge', 'recommend'], load: async () => (await import('./sweep-commands.ts')).registerSweepCommands },
  { names: ['baseline', 'check'], load: async () => (await import('./check-commands.ts')).registerCheckCommands },
  { names: ['rightsize'], load: async () => (await import('./rightsize-command.ts')).registerRightsizeCommand },
  { names: ['import'], load: async () => (await import('./import-command.ts')).registerImportCommand },
];

/** The group that defines `name`, if any. */
export function groupOf(name: string | undefined): CommandGroup | undefined {
  return name === undefined ? undefined : COMMAND_GROUPS.find((g) => (g.names as readonly string[]).includes(name));
}
