import { createInterface } from 'node:readline/promises';
import { CliError, parseCommandArgs, readStdin, type Command } from '../lib/cli';
import { db } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { createUser } from '../../src/lib/server/users';
import { validateUserInput } from '../../src/lib/domain/users';
import { ROLE_LABELS, ROLES } from '../../src/lib/domain/roles';
import { lasWords } from '../../src/lib/domain/las';

const USAGE =
	'npm run triage -- user add --email E --role ROLE [--name N] [--school URN ...] [--la CODE ...]\n' +
	`  ROLE is one of ${ROLES.join(', ')}. The password is read from standard input.\n` +
	'  --la gives an LA the user serves (repeat it for several, as --la 850 --la 936); without it, every LA.\n' +
	'  Headteachers have no LAs: they see the schools given with --school.';

async function askPassword(): Promise<string> {
	if (!process.stdin.isTTY) return (await readStdin()).replace(/\r?\n$/, '');
	const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
	// Hide what is typed: readline echoes through _writeToOutput.
	const r = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WritableStream };
	let prompting = true;
	r._writeToOutput = (s: string) => {
		if (!prompting || s.includes('Password')) r.output.write(s);
	};
	const password = await rl.question('Password: ');
	prompting = false;
	rl.close();
	process.stderr.write('\n');
	return password;
}

export const user: Command = {
	summary: 'Add a user (the first admin of a new install is made this way)',
	usage: USAGE,
	async run(argv) {
		const { values, positionals } = parseCommandArgs(
			argv,
			{
				email: { type: 'string' },
				role: { type: 'string' },
				name: { type: 'string' },
				school: { type: 'string', multiple: true },
				la: { type: 'string', multiple: true }
			},
			USAGE
		);
		if (positionals[0] !== 'add') throw new CliError(`Unknown user command "${positionals[0] ?? ''}".\nUsage: ${USAGE}`);
		const email = values.email ?? '';
		const parsed = validateUserInput({
			email,
			name: values.name ?? email.split('@')[0],
			role: values.role,
			schools: (values.school ?? []).join(','),
			las: values.la ?? []
		});
		if (!parsed.ok) throw new CliError(Object.values(parsed.errors).join('\n'));
		if (parsed.value.role === 'headteacher' && (values.la ?? []).length > 0) {
			throw new CliError('A headteacher has no LAs: they see the schools given with --school. Leave out --la');
		}
		const password = await askPassword();
		await migrateToLatest(db());
		const created = await createUser(db(), { ...parsed.value, password }, null);
		const las = created.role === 'headteacher' ? '' : created.laCodes.length > 0 ? `, serving ${lasWords(created.laCodes)}` : ', serving every LA';
		console.log(`Added ${ROLE_LABELS[created.role].toLowerCase()} ${created.email} (user ${created.id})${las}.`);
	}
};
