// Ofsted's monthly management information (issue "Read this year's files"): files in the real
// layout from scripts/generate/ofsted-mi-file.ts, through the one import pipeline, into a real
// migrated database.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { freshDb } from '../helpers/db';
import { addSchool, addUser, smallLa, URNS } from './analysis-fixtures';
import { importFile, snapshot, tempDir } from './import-fixtures';
import { miFileName, writeMiFile, type MiColumn, type MiFileOptions, type MiSchool } from '../../scripts/generate/ofsted-mi-file';
import { describeProblem } from '../../src/lib/domain/import/report';
import { rollbackImport } from '../../src/lib/server/import/rollback';
import { setServedLas } from '../../src/lib/server/import/settings';
import { runAnalysis } from '../../src/lib/server/analysis';
import { correctEntry, endEntry, recordEntry, registers, schoolRegister } from '../../src/lib/server/soft-intelligence/repository';
import { Refusal } from '../../src/lib/domain/refusal';
import { syncOfstedFromRegister } from '../../src/lib/server/soft-intelligence/ofsted-sync';

const APRIL = miFileName('30 April 2026');
const MAY = miFileName('31 May 2026');

/** Four schools in the register (LA 999), one with each mix of inspections, and one school Ofsted lists that the register does not have. */
const OAK = 200001;
const ASH = 200002;
const ELM = 200003;
const YEW = 200004;
const NOT_IN_REGISTER = 299999;

const APRIL_SCHOOLS: MiSchool[] = [
	{
		urn: OAK,
		laCode: '999',
		name: 'St Mary’s, Oakfield Primary School',
		reportCard: {
			date: '2026-02-03',
			published: '2026-03-02',
			areas: {
				Inclusion: 'Expected standard',
				'Curriculum and teaching': 'Needs attention',
				Achievement: 'Expected standard',
				'Attendance and behaviour': 'Strong standard',
				'Personal development and wellbeing': 'Exceptional',
				'Leadership and governance': 'Expected standard',
				'Early years (where applicable)': 'Not applicable',
				'Post-16 provision (where applicable)': 'NULL'
			},
			safeguarding: 'Met'
		},
		graded: {
			date: '2022-03-08',
			published: '2022-04-11',
			overall: '2',
			qualityOfEducation: '2',
			behaviourAndAttitudes: '1',
			personalDevelopment: '2',
			leadershipAndManagement: '2',
			earlyYears: '2',
			safeguarding: 'Yes'
		},
		ungraded: { date: '2025-05-20', outcome: 'School remains Good' }
	},
	{
		urn: ASH,
		laCode: '999',
		name: 'Ash Academy',
		graded: {
			date: '2024-10-14',
			overall: 'Not judged',
			qualityOfEducation: '3',
			behaviourAndAttitudes: '2',
			personalDevelopment: '2',
			leadershipAndManagement: '3',
			earlyYears: 'Not judged',
			safeguarding: 'Yes',
			relates: 'No'
		},
		ungraded: { date: '2021-11-30', outcome: 'Some aspects not as strong', relates: 'No' }
	},
	{
		urn: ELM,
		laCode: '999',
		name: 'Elm Primary School',
		reportCard: {
			date: '2026-01-20',
			areas: { Inclusion: 'Urgent improvement', 'Leadership and governance': 'Urgent improvement', Achievement: 'Needs attention' },
			safeguarding: 'Not met',
			category: 'SM'
		},
		graded: { date: '2023-01-10', overall: '4', qualityOfEducation: '4', leadershipAndManagement: '4', safeguarding: 'No', category: 'SWK' }
	},
	{ urn: YEW, laCode: '999', name: 'Yew Infant School' },
	{ urn: NOT_IN_REGISTER, laCode: '999', name: 'Gone School', ungraded: { date: '2025-01-01', outcome: 'Standards maintained' } }
];

/** May: the same inspections, and two new ones (a report card for Ash, an ungraded inspection for Yew). */
const MAY_SCHOOLS: MiSchool[] = APRIL_SCHOOLS.map((s) =>
	s.urn === ASH
		? {
				...s,
				reportCard: { date: '2026-05-05', areas: { Inclusion: 'Expected standard', 'Leadership and governance': 'Needs attention' }, safeguarding: 'Met' }
			}
		: s.urn === YEW
			? { ...s, ungraded: { date: '2026-05-12', outcome: 'Standards maintained' } }
			: s
);

async function register(db: Db): Promise<void> {
	for (const [urn, name] of [
		[OAK, 'Oakfield Primary School'],
		[ASH, 'Ash Academy'],
		[ELM, 'Elm Primary School'],
		[YEW, 'Yew Infant School']
	] as const) {
		await addSchool(db, urn, name);
	}
}

function miFile(dir: string, schools: MiSchool[], name = APRIL, o: MiFileOptions & { encoding?: 'windows-1252' | 'utf-8-bom' } = {}): string {
	const path = join(dir, name);
	writeMiFile(path, schools, o);
	return path;
}

/** Every register entry, by school, as the analysis reads it, without ids (they differ between databases). */
async function entries(db: Db) {
	const all = await registers(db);
	return Object.fromEntries([...all].map(([urn, list]) => [urn, list.map(({ id: _id, ...rest }) => rest)]));
}

const SOURCE = { source: 'ofsted_mi', sourceFile: 'Ofsted MI as at 30 April 2026', endDate: null, details: '' };

describe('importing Ofsted’s management information', () => {
	it('reads a Windows-1252 file: each school’s report card, graded and ungraded inspections become entries of their own kind', async () => {
		const db = await freshDb();
		await register(db);
		const outcome = await importFile(db, miFile(tempDir(), APRIL_SCHOOLS));
		expect(outcome.status).toBe('imported');
		expect(outcome.report).toMatchObject({ format: 'ofsted_mi', rowsRead: 5, inspectionsStored: 7, schoolsNotInRegister: 1 });
		expect(outcome.report.warnings).toEqual([
			'1 school in the file is not in the register, so its inspections were not recorded. Import the GIAS establishment file first if it should be there.'
		]);
		expect(await entries(db)).toEqual({
			[OAK]: [
				{
					...SOURCE,
					type: 'ofsted_legacy',
					date: '2022-03-08',
					grade: 'good',
					judgements: { qualityOfEducation: 2, behaviourAndAttitudes: 1, personalDevelopment: 2, leadershipAndManagement: 2, earlyYears: 2 },
					safeguardingEffective: true,
					categoryOfConcern: null,
					predecessor: false
				},
				{ ...SOURCE, type: 'ofsted_ungraded', date: '2025-05-20', outcome: 'School remains Good', categoryOfConcern: null, predecessor: false },
				{
					...SOURCE,
					type: 'ofsted_report_card',
					date: '2026-02-03',
					areas: [
						{ area: 'Inclusion', grade: 'expected_standard' },
						{ area: 'Curriculum and teaching', grade: 'needs_attention' },
						{ area: 'Achievement', grade: 'expected_standard' },
						{ area: 'Attendance and behaviour', grade: 'strong_standard' },
						{ area: 'Personal development and wellbeing', grade: 'exceptional' },
						{ area: 'Leadership and governance', grade: 'expected_standard' }
					],
					safeguardingMet: true,
					categoryOfConcern: null,
					predecessor: false
				}
			],
			[ASH]: [
				{ ...SOURCE, type: 'ofsted_ungraded', date: '2021-11-30', outcome: 'Some aspects not as strong', categoryOfConcern: null, predecessor: true },
				{
					...SOURCE,
					type: 'ofsted_legacy',
					date: '2024-10-14',
					grade: null,
					judgements: { qualityOfEducation: 3, behaviourAndAttitudes: 2, personalDevelopment: 2, leadershipAndManagement: 3 },
					safeguardingEffective: true,
					categoryOfConcern: null,
					predecessor: true
				}
			],
			[ELM]: [
				{
					...SOURCE,
					type: 'ofsted_legacy',
					date: '2023-01-10',
					grade: 'inadequate',
					judgements: { qualityOfEducation: 4, leadershipAndManagement: 4 },
					safeguardingEffective: false,
					categoryOfConcern: 'serious_weaknesses',
					predecessor: false
				},
				{
					...SOURCE,
					type: 'ofsted_report_card',
					date: '2026-01-20',
					areas: [
						{ area: 'Inclusion', grade: 'urgent_improvement' },
						{ area: 'Achievement', grade: 'needs_attention' },
						{ area: 'Leadership and governance', grade: 'urgent_improvement' }
					],
					safeguardingMet: false,
					categoryOfConcern: 'special_measures',
					predecessor: false
				}
			]
		});
		const stored = await db
			.selectFrom('soft_intelligence')
			.select(['published_date', 'import_id'])
			.where('urn', '=', OAK)
			.where('type', '=', 'ofsted_report_card')
			.executeTakeFirstOrThrow();
		expect(stored).toEqual({ published_date: '2026-03-02', import_id: outcome.status === 'imported' ? outcome.importId : -1 });
		const history = await db.selectFrom('imports').select(['format', 'records_stored', 'file_name']).execute();
		expect(history).toEqual([{ format: 'ofsted_mi', records_stored: 7, file_name: APRIL }]);
	});

	it('reads UTF-8 with a byte-order mark, and column names in other case or with runs of spaces, the same way', async () => {
		const dir = tempDir();
		// A curly apostrophe is 0x92 in Windows-1252: read as Latin-1 it would become a control character.
		const outcome = 'Some aspects not as strong (the school’s early years)';
		const schools = APRIL_SCHOOLS.map((s) => (s.urn === ASH ? { ...s, ungraded: { date: '2021-11-30', outcome } } : s));
		const cp1252 = await freshDb();
		await register(cp1252);
		expect((await importFile(cp1252, miFile(dir, schools))).status).toBe('imported');
		const utf8 = await freshDb();
		await register(utf8);
		const shouted = (c: MiColumn) => c.toUpperCase().replace(/ /g, '  ');
		const copy = await importFile(utf8, miFile(dir, schools, `copy of ${APRIL}`, { encoding: 'utf-8-bom', header: shouted }));
		expect(copy.status).toBe('imported');
		expect(await entries(utf8)).toEqual(await entries(cp1252));
		for (const db of [cp1252, utf8]) {
			expect((await registers(db)).get(ASH)).toContainEqual(expect.objectContaining({ type: 'ofsted_ungraded', outcome }));
		}
	});

	it('is recognised without --kind, accepted with --kind ofsted, and refused with another kind', async () => {
		const dir = tempDir();
		const db = await freshDb();
		await register(db);
		const wrong = await importFile(db, miFile(dir, APRIL_SCHOOLS), { kind: 'ks2' });
		expect(wrong.status).toBe('rejected');
		expect(wrong.report.problems.map(describeProblem)).toEqual([
			"Row 1: You chose KS2 results, but this looks like Ofsted's monthly management information on inspections."
		]);
		expect((await importFile(db, miFile(dir, APRIL_SCHOOLS), { kind: 'ofsted' })).status).toBe('imported');
	});

	it('adds only new inspections from next month’s file, and the same file again changes nothing', async () => {
		const dir = tempDir();
		const db = await freshDb();
		await register(db);
		const april = await importFile(db, miFile(dir, APRIL_SCHOOLS));
		const before = await snapshot(db);
		const again = await importFile(db, miFile(dir, APRIL_SCHOOLS, `again ${APRIL}`));
		expect(again.status).toBe('unchanged');
		expect(await snapshot(db)).toEqual(before);

		const may = await importFile(db, miFile(dir, MAY_SCHOOLS, MAY));
		expect(may.status).toBe('imported');
		expect(may.report.inspectionsStored).toBe(2);
		expect(may.report.warnings).toContain('7 inspections were already in the register (the same school, kind and inspection date) and were left as they were.');
		const added = await db
			.selectFrom('soft_intelligence')
			.select(['urn', 'type', 'date', 'source_file', 'import_id'])
			.where('import_id', '=', may.status === 'imported' ? may.importId : -1)
			.orderBy('urn')
			.execute();
		expect(added).toEqual([
			{
				urn: ASH,
				type: 'ofsted_report_card',
				date: '2026-05-05',
				source_file: 'Ofsted MI as at 31 May 2026',
				import_id: may.status === 'imported' ? may.importId : -1
			},
			{
				urn: YEW,
				type: 'ofsted_ungraded',
				date: '2026-05-12',
				source_file: 'Ofsted MI as at 31 May 2026',
				import_id: may.status === 'imported' ? may.importId : -1
			}
		]);
		expect(
			await db
				.selectFrom('soft_intelligence')
				.select('id')
				.where('import_id', '=', april.status === 'imported' ? april.importId : -1)
				.execute()
		).toHaveLength(7);
	});

	it('never changes an adviser’s own entries, nor an imported one an adviser corrected or withdrew', async () => {
		const dir = tempDir();
		const db = await freshDb();
		const lead = await addUser(db, 'lead_adviser', 'Lena Lead');
		await register(db);
		// The adviser recorded Oak's graded inspection by hand before any import, and a concern.
		const own = await recordEntry(db, lead, OAK, { type: 'ofsted_legacy', date: '2022-03-08', grade: 'outstanding', details: 'From the report' });
		await recordEntry(db, lead, OAK, { type: 'governance', date: '2026-01-01', details: 'Chair resigned' });
		const mine = async () => db.selectFrom('soft_intelligence').selectAll().where('source', '=', 'adviser').orderBy('id').execute();
		const adviserBefore = await mine();

		await importFile(db, miFile(dir, APRIL_SCHOOLS));
		expect(await mine()).toEqual(adviserBefore);
		// The file's record of the same inspection was not added beside the adviser's.
		expect((await schoolRegister(db, OAK)).filter((e) => e.type === 'ofsted_legacy').map((e) => [e.id, e.grade])).toEqual([[own, 'outstanding']]);

		// The adviser corrects Ash's imported graded inspection, and withdraws Elm's report card.
		const ash = (await schoolRegister(db, ASH)).find((e) => e.type === 'ofsted_legacy')!;
		await correctEntry(db, lead, ASH, ash.id, {
			...ash.ofsted!.values,
			qualityOfEducation: '2',
			leadershipAndManagement: '2',
			details: 'Ofsted corrected the report'
		});
		const elm = (await schoolRegister(db, ELM)).find((e) => e.type === 'ofsted_report_card')!;
		await endEntry(db, lead, ELM, elm.id, '2026-04-01');
		const corrected = await db.selectFrom('soft_intelligence').selectAll().where('id', 'in', [ash.id, elm.id]).orderBy('id').execute();
		expect(corrected[0]).toMatchObject({
			judgements_json: JSON.stringify({ qualityOfEducation: 2, behaviourAndAttitudes: 2, personalDevelopment: 2, leadershipAndManagement: 2 }),
			corrected_by: lead.id
		});

		// Next month's file still has the old grades and the withdrawn report card: neither comes back.
		const may = await importFile(db, miFile(dir, MAY_SCHOOLS, MAY));
		expect(may.report.inspectionsStored).toBe(2);
		expect(await db.selectFrom('soft_intelligence').selectAll().where('id', 'in', [ash.id, elm.id]).orderBy('id').execute()).toEqual(corrected);
		expect((await schoolRegister(db, ELM)).filter((e) => e.type === 'ofsted_report_card')).toHaveLength(1);
		expect(await mine()).toEqual(adviserBefore);
	});

	it('is refused when none of its schools is in the register yet, so it can be imported once they are', async () => {
		const db = await freshDb();
		const path = miFile(tempDir(), APRIL_SCHOOLS);
		const refused = await importFile(db, path);
		expect(refused.status).toBe('rejected');
		expect(refused.report.problems.map(describeProblem)).toEqual([
			'None of the schools in this file are in the register, so there is nothing to record. Import the GIAS establishment file first, then this file.'
		]);
		expect(await db.selectFrom('imports').select('id').execute()).toEqual([]);
		await register(db);
		expect((await importFile(db, path)).report.inspectionsStored).toBe(7);
	});

	it('leaves out schools outside the LA the register is limited to', async () => {
		const db = await freshDb();
		await register(db);
		await setServedLas(db, ['999'], null);
		// Outside the LA, its row is not read any further: a cell that would be refused elsewhere does not matter.
		const outside: MiSchool = { urn: 300001, laCode: '850', name: 'Hampshire School', ungraded: { date: '2025-02-31', outcome: 'School remains Good' } };
		const outcome = await importFile(db, miFile(tempDir(), [...APRIL_SCHOOLS, outside]));
		expect(outcome.report).toMatchObject({ rowsOutsideLa: 1, inspectionsStored: 7 });
		expect(outcome.report.warnings).toContain('1 school is outside LA 999 and was left out (the LA setting limits the register to that LA).');
	});
});

describe('a bad Ofsted file', () => {
	const cases: { what: string; schools?: MiSchool[]; options?: MiFileOptions; problem: string }[] = [
		{
			what: 'no URN column',
			options: { without: ['URN'] },
			problem:
				"Row 1, column URN: the file has no URN column, which every row of Ofsted's management information has. Check it is the whole file, with its header row."
		},
		{
			what: 'a date that is not a date',
			schools: [{ urn: OAK, laCode: '999', ungraded: { date: '31/02/2026', outcome: 'Standards maintained' } }],
			problem: 'Row 2, column Date of latest ungraded inspection: “31/02/2026” is not a date in the form dd/mm/yyyy.'
		},
		{
			what: 'a report-card grade that is not one of the five',
			schools: [
				{ urn: ASH, laCode: '999' },
				{ urn: OAK, laCode: '999', reportCard: { date: '2026-02-03', areas: { Achievement: 'Good' }, safeguarding: 'Met' } }
			],
			problem: 'Row 3, column Achievement: “Good” is not a report-card grade.'
		},
		{
			what: 'an OEIF grade outside 1 to 4',
			schools: [{ urn: OAK, laCode: '999', graded: { date: '2023-01-10', overall: '2', qualityOfEducation: '5' } }],
			problem: 'Row 2, column Latest OEIF quality of education: “5” is not an OEIF grade (1 to 4, or Not judged).'
		},
		{
			what: 'an unknown category of concern',
			schools: [{ urn: OAK, laCode: '999', graded: { date: '2023-01-10', overall: '4', category: 'Notice to improve' } }],
			problem: 'Row 2, column Latest OEIF category of concern: “Notice to improve” is not a category of concern (SM, SWK or RSI).'
		},
		{
			what: 'a URN twice',
			schools: [
				{ urn: OAK, laCode: '999' },
				{ urn: OAK, laCode: '999' }
			],
			problem: 'Row 3, column URN: URN 200001 appears twice (rows 2 and 3). Each school can have only one row.'
		}
	];

	it.each(cases)('is refused for $what, naming the row and column, and nothing is written', async ({ schools, options, problem }) => {
		const db = await freshDb();
		await register(db);
		await importFile(db, miFile(tempDir(), APRIL_SCHOOLS, 'earlier.csv'));
		const before = await snapshot(db);
		const outcome = await importFile(db, miFile(tempDir(), schools ?? APRIL_SCHOOLS, MAY, options));
		expect(outcome.status).toBe('rejected');
		expect(outcome.report.problems.map(describeProblem)).toEqual([problem]);
		expect(await snapshot(db)).toEqual(before);
	});

	it('in the older layout, with no report card columns, is refused up front in one plain message, not row by row', async () => {
		const db = await freshDb();
		await register(db);
		const before = await snapshot(db);
		const path = join(tempDir(), 'latest inspections as at 31 Aug 2025.csv');
		const header =
			'URN,LAESTAB,School name,Inspection start date,Publication date,Overall effectiveness,Safeguarding is effective?,Category of concern,Date of latest ungraded inspection,Ungraded inspection overall outcome';
		const rows = [
			`${OAK},9992001,Oakfield Primary School,08/03/2022,11/04/2022,2,Yes,NULL,20/05/2025,School remains Good`,
			`${ASH},9992002,Ash Academy,14/10/2024,NULL,Not judged,Yes,NULL,NULL,NULL`
		];
		writeFileSync(path, [header, ...rows, ''].join('\r\n'));
		const outcome = await importFile(db, path);
		expect(outcome.status).toBe('rejected');
		expect(outcome.report.format).toBe('ofsted_mi');
		expect(outcome.report.problems.map(describeProblem)).toEqual([
			'Row 1: This is Ofsted\'s management information in an older layout, from before report cards began in November 2025: it has an Inspection start date column but none of the report card columns (Inclusion, Achievement, Safeguarding standards and the others), so its inspections cannot be read. Download the latest month\'s "Management information - state-funded schools - latest inspections as at <date>" from GOV.UK and import that instead.'
		]);
		expect(await snapshot(db)).toEqual(before);
	});

	it('names the column as the file spells it', async () => {
		const db = await freshDb();
		await register(db);
		const schools: MiSchool[] = [{ urn: OAK, laCode: '999', graded: { date: '2023-01-10', overall: '2', safeguarding: 'Maybe' } }];
		const outcome = await importFile(db, miFile(tempDir(), schools, APRIL, { header: (c) => c.toLowerCase() }));
		expect(outcome.report.problems.map(describeProblem)).toEqual(['Row 2, column latest oeif  safeguarding is effective?: “Maybe” is not Yes or No.']);
	});
});

describe('rolling back an Ofsted import', () => {
	it('removes exactly the entries it added, and only once the later import is rolled back', async () => {
		const dir = tempDir();
		const db = await freshDb();
		const lead = await addUser(db, 'lead_adviser', 'Lena Lead');
		await register(db);
		await recordEntry(db, lead, ELM, { type: 'finance', date: '2026-01-01', details: 'Deficit budget' });
		const softBefore = (await snapshot(db)).soft_intelligence;
		const april = await importFile(db, miFile(dir, APRIL_SCHOOLS));
		const afterApril = (await snapshot(db)).soft_intelligence;
		const may = await importFile(db, miFile(dir, MAY_SCHOOLS, MAY));
		if (april.status !== 'imported' || may.status !== 'imported') throw new Error('both files should import');

		expect(await rollbackImport(db, april.importId, null)).toEqual({
			ok: false,
			message: `Import ${may.importId} came later and changed the same data. Roll it back first, then import ${april.importId}.`
		});
		expect((await rollbackImport(db, may.importId, null)).ok).toBe(true);
		expect((await snapshot(db)).soft_intelligence).toEqual(afterApril);
		expect((await rollbackImport(db, april.importId, null)).ok).toBe(true);
		expect((await snapshot(db)).soft_intelligence).toEqual(softBefore);

		// Importing the file again after its rollback brings its inspections back.
		expect((await importFile(db, miFile(dir, APRIL_SCHOOLS))).report.inspectionsStored).toBe(7);
	});

	it('is refused, in plain words, once an adviser has corrected an inspection it added', async () => {
		const db = await freshDb();
		const lead = await addUser(db, 'lead_adviser', 'Lena Lead');
		await register(db);
		const april = await importFile(db, miFile(tempDir(), APRIL_SCHOOLS));
		if (april.status !== 'imported') throw new Error('the file should import');
		const card = (await schoolRegister(db, OAK)).find((e) => e.type === 'ofsted_report_card')!;
		await correctEntry(db, lead, OAK, card.id, { ...card.ofsted!.values, 'area-1': 'expected_standard' });
		const before = await snapshot(db);
		expect(await rollbackImport(db, april.importId, null)).toEqual({
			ok: false,
			message: `Import ${april.importId} was not rolled back: an adviser has since corrected or withdrawn an inspection it added (Oakfield Primary School, report card of 3 February 2026). Rolling it back would lose their change. Leave the import in place.`
		});
		expect(await snapshot(db)).toEqual(before);
	});
});

describe('an inspection the GIAS register recorded with a grade only', () => {
	it('is filled in by the MI row for it, unless an adviser withdrew it, and comes back as it was on rollback', async () => {
		const db = await freshDb();
		const lead = await addUser(db, 'lead_adviser', 'Lena Lead');
		await register(db);
		// GIAS ratings of the same inspections as April's graded ones, copied into the register as the analysis does.
		for (const [urn, rating, date] of [
			[OAK, 'Good', '2022-03-08'],
			[ASH, 'Requires improvement', '2024-10-14'],
			[ELM, 'Serious Weaknesses', '2023-01-10']
		] as const) {
			await db.updateTable('schools').set({ ofsted_rating: rating, ofsted_date: date }).where('urn', '=', urn).execute();
		}
		expect(await syncOfstedFromRegister(db)).toEqual({ added: 3, updated: 0 });
		const giasEntry = async (urn: number) =>
			(await db.selectFrom('soft_intelligence').select('id').where('urn', '=', urn).where('source', '=', 'gias_import').executeTakeFirstOrThrow()).id;
		// An adviser withdrew Ash's: their word stands.
		await endEntry(db, lead, ASH, await giasEntry(ASH), '2026-01-01');
		const before = await snapshot(db);

		const april = await importFile(db, miFile(tempDir(), APRIL_SCHOOLS));
		if (april.status !== 'imported') throw new Error('the file should import');
		expect(april.report.inspectionsStored).toBe(6);
		expect(april.report.warnings).toContain(
			'2 inspections recorded from the GIAS register with a grade only were filled in from this file, with their sub-judgements and safeguarding. Rolling this import back brings back the GIAS records as they were.'
		);
		expect(april.report.warnings).toContain('1 inspection was already in the register (the same school, kind and inspection date) and was left as it was.');
		const graded = () =>
			db
				.selectFrom('soft_intelligence')
				.select(['urn', 'source', 'grade', 'judgements_json', 'safeguarding_effective', 'category_of_concern', 'predecessor', 'end_date'])
				.where('type', '=', 'ofsted_legacy')
				.orderBy('urn')
				.execute();
		expect(await graded()).toEqual([
			{
				urn: OAK,
				source: 'ofsted_mi',
				grade: 'good',
				judgements_json: JSON.stringify({ qualityOfEducation: 2, behaviourAndAttitudes: 1, personalDevelopment: 2, leadershipAndManagement: 2, earlyYears: 2 }),
				safeguarding_effective: 1,
				category_of_concern: null,
				predecessor: 0,
				end_date: null
			},
			{
				urn: ASH,
				source: 'gias_import',
				grade: 'requires_improvement',
				judgements_json: null,
				safeguarding_effective: null,
				category_of_concern: null,
				predecessor: 0,
				end_date: '2026-01-01'
			},
			{
				urn: ELM,
				source: 'ofsted_mi',
				grade: 'inadequate',
				judgements_json: JSON.stringify({ qualityOfEducation: 4, leadershipAndManagement: 4 }),
				safeguarding_effective: 0,
				category_of_concern: 'serious_weaknesses',
				predecessor: 0,
				end_date: null
			}
		]);
		// The next run's copy of GIAS ratings sees the inspections recorded and adds nothing beside them.
		expect(await syncOfstedFromRegister(db)).toEqual({ added: 0, updated: 0 });

		expect((await rollbackImport(db, april.importId, null)).ok).toBe(true);
		const after = await snapshot(db);
		expect(after.soft_intelligence).toEqual(before.soft_intelligence);
		expect(after.soft_intelligence_replaced).toEqual([]);
	});
});

describe('advisers correct an imported inspection', () => {
	it('only the link adviser or a lead adviser, with plain messages, audited and shown as corrected', async () => {
		const db = await freshDb();
		const link = await addUser(db, 'adviser', 'Ada Adviser');
		const other = await addUser(db, 'adviser', 'Otto Other');
		const admin = await addUser(db, 'admin', 'Adele Admin');
		const lead = await addUser(db, 'lead_adviser', 'Lena Lead');
		await register(db);
		await db.updateTable('schools').set({ link_adviser_id: link.id }).where('urn', '=', ASH).execute();
		await importFile(db, miFile(tempDir(), APRIL_SCHOOLS));
		const graded = (await schoolRegister(db, ASH)).find((e) => e.type === 'ofsted_legacy')!;
		expect(graded.ofsted).toMatchObject({
			kind: 'Ofsted graded inspection with no overall grade',
			predecessor: true,
			origin: 'From Ofsted MI as at 30 April 2026',
			corrected: null,
			values: {
				grade: 'not_judged',
				qualityOfEducation: '3',
				leadershipAndManagement: '3',
				safeguardingEffective: 'yes',
				predecessor: 'yes',
				categoryOfConcern: ''
			}
		});
		expect(graded.ofsted!.rows).toContainEqual({ key: 'Quality of education', value: '3 (Requires improvement)' });

		const values = graded.ofsted!.values;
		for (const who of [other, admin]) expect(await correctEntry(db, who, ASH, graded.id, values).catch((e) => e.status)).toBe(403);
		const refused = (await correctEntry(db, link, ASH, graded.id, { ...values, qualityOfEducation: '', categoryOfConcern: 'closed' }).catch(
			(e) => e
		)) as Refusal;
		expect(refused.errors).toEqual({
			qualityOfEducation: 'Choose a grade from 1 to 4 for quality of education',
			categoryOfConcern: 'Choose a category of concern from the list, or None'
		});

		await correctEntry(db, link, ASH, graded.id, { ...values, grade: 'requires_improvement', categoryOfConcern: 'serious_weaknesses' });
		const after = (await schoolRegister(db, ASH)).find((e) => e.id === graded.id)!;
		expect(after.grade).toBe('requires_improvement');
		expect(after.ofsted!.corrected).toMatch(/^Corrected by Ada Adviser on \d{1,2} \w+ \d{4}$/);
		expect(after.ofsted!.rows).toContainEqual({ key: 'Category of concern', value: 'Serious weaknesses' });
		const log = await db
			.selectFrom('audit_log')
			.select(['user_id', 'before_json', 'after_json'])
			.where('action', '=', 'soft_intelligence.correct')
			.orderBy('id')
			.execute();
		expect(log).toHaveLength(1);
		expect(JSON.parse(log[0].before_json!)).toMatchObject({ id: graded.id, grade: null, category_of_concern: null });
		expect(JSON.parse(log[0].after_json!)).toMatchObject({ id: graded.id, grade: 'requires_improvement', category_of_concern: 'serious_weaknesses' });
		// A lead adviser may too; a concern is not an inspection, and a withdrawn inspection stays as it was.
		await correctEntry(db, lead, ASH, graded.id, { ...values, grade: 'good' });
		const concern = await recordEntry(db, lead, ASH, { type: 'complaint', date: '2026-01-01', details: 'Parent complaint' });
		expect(await correctEntry(db, lead, ASH, concern, values).catch((e) => e.message)).toBe(
			'Only an Ofsted inspection can be corrected. End the entry and record a new one instead.'
		);
		await endEntry(db, lead, ASH, graded.id, '2026-04-01');
		expect(await correctEntry(db, lead, ASH, graded.id, values).catch((e) => e.message)).toBe('That inspection has been withdrawn, so it cannot be corrected');
	});
});

describe('the analysis reads imported inspections', () => {
	it('an OEIF inspection with no overall grade and quality of education 3 is Focus by F1, and the reason names the kind and date', async () => {
		const db = await freshDb();
		const { analyst } = await smallLa(db);
		// The 2019 analysis reads the register as at the end of 2019, so these inspections are dated then.
		const schools: MiSchool[] = [
			{
				urn: URNS.secure,
				laCode: '999',
				graded: {
					date: '2019-10-15',
					overall: 'Not judged',
					qualityOfEducation: '3',
					behaviourAndAttitudes: '2',
					personalDevelopment: '2',
					leadershipAndManagement: '2'
				}
			},
			{ urn: URNS.securePlus, laCode: '999', graded: { date: '2019-11-05', overall: '2', relates: 'No', category: 'SM' } }
		];
		await importFile(db, miFile(tempDir(), schools));
		// GIAS once showed the same inspection: the run's copy of GIAS ratings does not record it twice.
		await db.updateTable('schools').set({ ofsted_rating: 'Good', ofsted_date: '2019-10-15' }).where('urn', '=', URNS.secure).execute();
		const { results } = await runAnalysis(db, { userId: analyst.id });
		expect((await registers(db, [URNS.secure])).get(URNS.secure)!.map((e) => [e.source, e.date])).toEqual([['ofsted_mi', '2019-10-15']]);
		const secure = results.find((r) => r.urn === URNS.secure)!;
		expect(secure).toMatchObject({ category: 'focus', decidingRule: 'F1' });
		expect(secure.firedRules[0].sentence).toContain(
			"Ofsted's graded inspection with no overall grade on 15 October 2019 judged quality of education 3 (Requires improvement)"
		);
		const plus = results.find((r) => r.urn === URNS.securePlus)!;
		expect(plus).toMatchObject({ category: 'intensive', decidingRule: 'I1' });
		expect(plus.firedRules[0].sentence).toContain('(an inspection of the predecessor school)');
		expect(plus.firedRules[0].sentence).toContain('placed the school in special measures');
	});
});
