import type { Command } from '../lib/cli';

/**
 * Every `npm run triage -- <command>`. Each area adds its command here, one line each. A command
 * is loaded only when it runs (help loads them all), so one command does not pay for the others'
 * packages: `import` does not load argon2 for `user`, nor the planner for `schedule`.
 */
export const COMMANDS: Record<string, () => Promise<Command>> = {
	migrate: async () => (await import('./migrate')).migrate,
	user: async () => (await import('./user')).user,
	backup: async () => (await import('./backup')).backup,
	import: async () => (await import('./import')).importCommand,
	categorise: async () => (await import('./categorise')).categorise,
	schedule: async () => (await import('./schedule')).schedule,
	broker: async () => (await import('./broker')).broker
};
