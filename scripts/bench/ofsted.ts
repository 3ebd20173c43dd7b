// npm run bench:ofsted — docs/architecture.md: import Ofsted's monthly management information for
// England (about 22,000 schools) in under 3 s. The file is generated in the real layout
// (scripts/generate/ofsted-mi-file.ts: Windows-1252, CRLF, NULL cells) and imported through the
// one import pipeline into a register that holds every one of its schools, so every inspection is
// read, checked and stored. The machine's speed is shown by a reference in the same run: the
// sqlite3 shell's `.import` of the same file. The two take turns, so a noisy machine slows both
// alike; medians are reported. Exits non-zero when the import takes 3 s or more.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { createDb } from '../../src/lib/server/db/connection';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { runImport } from '../../src/lib/server/import/pipeline';
import { generateMiSchools, miFileName, writeMiFile } from '../generate/ofsted-mi-file';

const SQLITE = ['/usr/bin/sqlite3', '/usr/local/bin/sqlite3'].find(existsSync);
const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 22_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_SECONDS = 3;

if (!SQLITE) {
	console.error('The sqlite3 command-line shell is the reference for this benchmark. Install it with:\n  apt-get install -y sqlite3');
	process.exit(1);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'triage-bench-ofsted-'));
try {
	const file = join(dir, miFileName());
	console.log(`Generating Ofsted's management information for ${SCHOOLS.toLocaleString('en-GB')} schools...`);
	const schools = generateMiSchools(SCHOOLS);
	writeMiFile(file, schools);
	console.log(`  ${(statSync(file).size / 1e6).toFixed(1)} MB, Windows-1252`);

	// A register with every school in the file, made once and copied for each run.
	const base = join(dir, 'base.sqlite');
	const setup = createDb(base);
	await migrateToLatest(setup);
	await setup.destroy();
	const raw = new SQLite(base);
	const now = new Date().toISOString();
	const add = raw.prepare("insert into schools (urn, name, la_code, status, created_at, updated_at) values (?, ?, ?, 'Open', ?, ?)");
	raw.transaction(() => schools.forEach((s) => add.run(Number(s.urn), s.name, s.laCode, now, now)))();
	raw.pragma('wal_checkpoint(TRUNCATE)');
	raw.close();

	let n = 0;
	const reference = (): number => {
		const started = performance.now();
		const r = spawnSync(SQLITE, [join(dir, `ref-${n++}.sqlite`), `.import --csv '${file}' mi`], { encoding: 'utf8' });
		if (r.status !== 0) throw new Error(`sqlite3 .import failed: ${r.stderr}`);
		return (performance.now() - started) / 1000;
	};
	let stored = 0;
	const triage = async (): Promise<number> => {
		const path = join(dir, `run-${n++}.sqlite`);
		copyFileSync(base, path);
		const db = createDb(path);
		try {
			const started = performance.now();
			const outcome = await runImport(db, { path: file, fileName: miFileName(), userId: null });
			const seconds = (performance.now() - started) / 1000;
			if (outcome.status !== 'imported') throw new Error(`The import did not run: ${JSON.stringify(outcome.report.problems.slice(0, 3))}`);
			stored = outcome.report.inspectionsStored ?? 0;
			return seconds;
		} finally {
			await db.destroy();
		}
	};

	// One of each first, untimed: the code is loaded and compiled, and the file is in the page cache.
	reference();
	await triage();
	const times = { reference: [] as number[], triage: [] as number[] };
	for (let i = 0; i < RUNS; i++) {
		times.reference.push(reference());
		times.triage.push(await triage());
	}
	const ours = median(times.triage);
	const ref = median(times.reference);
	const ratio = ours / ref;
	console.log(`Inspections stored per import: ${stored.toLocaleString('en-GB')}`);
	console.log(`sqlite3 .import (reference): median ${ref.toFixed(2)} s  [${times.reference.map((t) => t.toFixed(2)).join(', ')}]`);
	console.log(`Triage import:               median ${ours.toFixed(2)} s  [${times.triage.map((t) => t.toFixed(2)).join(', ')}]`);
	console.log(`Ratio to the reference: ${ratio.toFixed(2)}x`);
	const ok = ours < TARGET_SECONDS;
	console.log(
		`${ok ? 'PASS' : 'FAIL'}: ${ours.toFixed(2)} s is ${ok ? 'under' : 'not under'} the budget of ${TARGET_SECONDS} s for an England-sized Ofsted MI file.`
	);
	process.exitCode = ok ? 0 : 1;
} finally {
	rmSync(dir, { recursive: true, force: true });
}
