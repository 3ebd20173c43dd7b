import type { Command } from '../lib/cli';
import { backup } from './backup';
import { categorise } from './categorise';
import { importCommand } from './import';
import { migrate } from './migrate';
import { schedule } from './schedule';
import { user } from './user';

/** Every `npm run triage -- <command>`. Each area adds its command here, one line each. */
export const COMMANDS: Record<string, Command> = {
	migrate,
	user,
	backup,
	import: importCommand,
	categorise,
	schedule
};
