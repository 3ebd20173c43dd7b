import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Db } from '../../src/lib/server/db';
import { runImport } from '../../src/lib/server/import/pipeline';
import { setServedLas } from '../../src/lib/server/import/settings';
import { describeProblem } from '../../src/lib/domain/import/report';
import { DEMO_LA, demoSchools, type DemoLa } from './schools';
import { writeDemoFiles } from './dfe-files';

/**
 * Loads the demo LAs (the demo LA alone unless told otherwise): writes their GIAS register and four
 * years of KS2 results in DfE's formats, one file of each for every LA as DfE publishes them for
 * England, then imports them through the same pipeline as /imports and the CLI, so the demo exercises
 * the real path. Returns each LA's schools' URNs in a stable order. `count` makes bigger LAs (benchmarks).
 */
export async function loadDemoLas(db: Db, count?: number, las: readonly DemoLa[] = [DEMO_LA]): Promise<{ la: DemoLa; urns: number[] }[]> {
	const schools = las.map((la) => ({ la, schools: demoSchools(count, la) }));
	await setServedLas(
		db,
		las.map((la) => la.code),
		null
	);
	const dir = mkdtempSync(join(tmpdir(), 'triage-demo-'));
	try {
		for (const path of await writeDemoFiles(
			dir,
			schools.flatMap((s) => s.schools)
		)) {
			const outcome = await runImport(db, { path, fileName: basename(path), userId: null });
			if (outcome.status === 'rejected') {
				throw new Error(`The demo file ${basename(path)} did not import:\n${outcome.report.problems.map(describeProblem).join('\n')}`);
			}
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	return schools.map((s) => ({ la: s.la, urns: s.schools.map((school) => school.urn) }));
}
