import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Db } from '../../src/lib/server/db';
import { runImport } from '../../src/lib/server/import/pipeline';
import { setServedLas } from '../../src/lib/server/import/settings';
import { describeProblem } from '../../src/lib/domain/import/report';
import { DEMO_LA, demoSchools } from './schools';
import { writeDemoFiles } from './dfe-files';

/**
 * Loads the demo LA: writes its GIAS register and four years of KS2 results in DfE's formats,
 * then imports them through the same pipeline as /imports and the CLI, so the demo exercises the
 * real path. Returns the demo schools' URNs in a stable order. `count` makes a bigger LA (benchmarks).
 */
export async function loadDemoLa(db: Db, count?: number): Promise<number[]> {
	const schools = demoSchools(count);
	await setServedLas(db, [DEMO_LA.code], null);
	const dir = mkdtempSync(join(tmpdir(), 'triage-demo-'));
	try {
		for (const path of await writeDemoFiles(dir, schools)) {
			const outcome = await runImport(db, { path, fileName: basename(path), userId: null });
			if (outcome.status === 'rejected') {
				throw new Error(`The demo file ${basename(path)} did not import:\n${outcome.report.problems.map(describeProblem).join('\n')}`);
			}
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	return schools.map((s) => s.urn);
}
