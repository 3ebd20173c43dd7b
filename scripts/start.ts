// npm start: build if needed, migrate, load the demo LA into an empty database, then serve.
// npm run demo -- --las 2: the same, loading two demo LAs and a regional login into an empty database.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { closeDb, db } from '../src/lib/server/db';
import { databaseTarget } from '../src/lib/server/db/connection';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { describeLogins, isEmpty, seedDemo } from './demo/seed';
import { importMaxBytes } from '../src/lib/server/import/limits';
import { buildIfNeeded } from './build-if-needed';

let las = 1;
try {
	const { values } = parseArgs({ options: { las: { type: 'string', default: '1' } } });
	las = Number(values.las);
	if (las !== 1 && las !== 2) throw new Error();
} catch {
	console.error('Usage: npm run demo -- --las 2   (1, the default, loads one demo LA as npm start does; 2 loads two and a regional login)');
	process.exit(1);
}

if (!buildIfNeeded()) {
	console.error('The build failed. See the messages above.');
	process.exit(1);
}
const target = databaseTarget();
const applied = await migrateToLatest(db());
if (applied.length) console.log(`Database ${target.dialect === 'sqlite' ? target.path : 'on PostgreSQL'}: applied ${applied.length} migration(s).`);
if (await isEmpty(db())) {
	console.log(las === 1 ? 'Empty database: loading the demo LA...' : `Empty database: loading ${las} demo LAs...`);
	const logins = await seedDemo(db(), { las });
	console.log(describeLogins(logins));
} else if (las > 1) {
	console.log(
		`The database already has users or schools, so no demo was loaded. The demo of ${las} LAs loads only into an empty database, for example:\n` +
			`  DATABASE_URL=db/demo-${las}-las.sqlite npm run demo -- --las ${las}`
	);
}
await closeDb();
process.env.PORT ??= '3000';
// Uploads without JavaScript arrive as one request; let them be as large as an import may be.
process.env.BODY_SIZE_LIMIT ??= String(importMaxBytes() + 1024 * 1024);
// adapter-node assumes https when ORIGIN is unset, which would make SvelteKit's CSRF check refuse
// every form on a plain-http local start. Default to the local address; production sets ORIGIN.
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
console.log(`Triage is running at ${process.env.ORIGIN}`);
await import(join(process.cwd(), 'build/index.js'));
