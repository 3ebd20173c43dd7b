// npm start: build if needed, migrate, load the demo LA into an empty database, then serve.
import { join } from 'node:path';
import { closeDb, db } from '../src/lib/server/db';
import { databaseTarget } from '../src/lib/server/db/connection';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { describeLogins, isEmpty, seedDemo } from './demo/seed';
import { importMaxBytes } from '../src/lib/server/import/limits';
import { buildIfNeeded } from './build-if-needed';

if (!buildIfNeeded()) {
	console.error('The build failed. See the messages above.');
	process.exit(1);
}
const target = databaseTarget();
const applied = await migrateToLatest(db());
if (applied.length) console.log(`Database ${target.dialect === 'sqlite' ? target.path : 'on PostgreSQL'}: applied ${applied.length} migration(s).`);
if (await isEmpty(db())) {
	console.log('Empty database: loading the demo LA...');
	const logins = await seedDemo(db());
	console.log(describeLogins(logins));
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
