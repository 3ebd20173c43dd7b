import type { Db } from '../db';
import { effectiveStatus, expiringWithin, holdsAward, type IsoDate, type Key, type QmStatus } from '../../domain/quality-mark';
import * as clock from '../clock';
import { listFrameworks } from './frameworks';
import { listed, openSchools, recordHistory, summarise, watchItems, type SchoolQualityMark, type WatchItem } from './listing';

/**
 * Read-only views of the Quality Marks for other areas: the school profile, the school list
 * filter, the overview's "needs attention", the Secure Plus list and the scheduler.
 */

/**
 * Every framework for one school, in framework order, with its status history: what the school
 * profile and QualityMarkSummary.svelte show. Frameworks the school has never engaged with
 * appear as not engaged.
 */
export async function qualityMarkForSchool(db: Db, urn: number, today: IsoDate = clock.today()): Promise<SchoolQualityMark[]> {
	const [frameworks, records] = await Promise.all([listFrameworks(db), listed(db, { urn })]);
	const history = await recordHistory(
		db,
		records.map((r) => r.id)
	);
	return frameworks.map((framework) => {
		const found = records.find((r) => r.record.frameworkKey === framework.key);
		return summarise(framework, urn, found, found ? history.filter((h) => h.qualityMarkId === found.id) : [], today);
	});
}

/**
 * For the school list filter: each school's status under each framework, keyed by URN then
 * framework key. A school or framework that is missing has never engaged ("not_engaged").
 */
export async function qualityMarkStatusByUrn(db: Db, today: IsoDate = clock.today()): Promise<Map<number, Record<Key, QmStatus>>> {
	const byUrn = new Map<number, Record<Key, QmStatus>>();
	for (const { record } of await listed(db)) {
		const statuses = byUrn.get(record.urn) ?? {};
		statuses[record.frameworkKey] = effectiveStatus(record, today);
		byUrn.set(record.urn, statuses);
	}
	return byUrn;
}

/** Awards still held that end within `months` of today, soonest first: the overview's "needs attention". */
export async function expiringQualityMarks(db: Db, today: IsoDate = clock.today(), months = 6): Promise<WatchItem[]> {
	const [frameworks, records, schools] = await Promise.all([listFrameworks(db), listed(db), openSchools(db)]);
	// Open schools only, as /quality-mark counts them: a closed school's award needs no renewal.
	const open = new Set(schools.map((s) => s.urn));
	return watchItems(
		records,
		expiringWithin(
			records.map((r) => r.record).filter((r) => open.has(r.urn)),
			today,
			months
		),
		frameworks,
		today
	);
}

export interface HeldQualityMark {
	frameworkKey: Key;
	frameworkShortName: string;
	awardDate: IsoDate;
	expiryDate: IsoDate;
}

/**
 * Schools holding a Quality Mark today, keyed by URN, including those part-way through renewing
 * it: for the school profile and the Secure Plus list (who could lead support for others). The
 * analysis's rule P2 reads qualityMarkAwards instead, on its own date.
 */
export async function currentQualityMarkHolders(db: Db, today: IsoDate = clock.today()): Promise<Map<number, HeldQualityMark[]>> {
	const [frameworks, records] = await Promise.all([listFrameworks(db), listed(db)]);
	const holders = new Map<number, HeldQualityMark[]>();
	for (const { record } of records) {
		if (!holdsAward(record, today)) continue;
		const held = holders.get(record.urn) ?? [];
		held.push({
			frameworkKey: record.frameworkKey,
			frameworkShortName: frameworks.find((f) => f.key === record.frameworkKey)?.shortName ?? record.frameworkKey,
			awardDate: record.awardDate!,
			expiryDate: record.expiryDate!
		});
		holders.set(record.urn, held);
	}
	return holders;
}

/**
 * Every school's latest award under each framework, current or not, keyed by URN: what the
 * desktop analysis reads for its optional rule P2 (a current Quality Mark as a capacity indicator).
 * The analysis decides which are held on its own date.
 */
export async function qualityMarkAwards(db: Db): Promise<Map<number, { name: string; awardDate: IsoDate; expiryDate: IsoDate }[]>> {
	const [frameworks, rows] = await Promise.all([
		listFrameworks(db),
		db
			.selectFrom('quality_marks')
			.select(['urn', 'framework_key', 'award_date', 'expiry_date'])
			.where('award_date', 'is not', null)
			.where('expiry_date', 'is not', null)
			.orderBy('urn')
			.orderBy('framework_key')
			.execute()
	]);
	const awards = new Map<number, { name: string; awardDate: IsoDate; expiryDate: IsoDate }[]>();
	for (const r of rows) {
		const name = frameworks.find((f) => f.key === r.framework_key)?.name ?? r.framework_key;
		awards.set(r.urn, [...(awards.get(r.urn) ?? []), { name, awardDate: r.award_date!, expiryDate: r.expiry_date! }]);
	}
	return awards;
}

export interface AssessmentVisit {
	qualityMarkId: number;
	urn: number;
	schoolName: string;
	frameworkKey: Key;
	frameworkName: string;
	visitDate: IsoDate;
	assessorId: number | null;
	assessorName: string | null;
	/** True while the visit is booked and still to happen; false once the award decision is recorded. */
	booked: boolean;
}

/**
 * Assessment visits dated from `fromDate` to `toDate` inclusive, by date, as the Quality Mark
 * records have them: the ones booked and the ones already held. A visit that is called off (back
 * to assessor review, or the school withdraws) loses its date and so drops out. Each booked visit
 * is also an engagement in the schedule (see visits.ts), which is what the calendars and the
 * capacity views read.
 */
export async function assessmentVisits(db: Db, fromDate: IsoDate, toDate: IsoDate): Promise<AssessmentVisit[]> {
	const frameworks = await listFrameworks(db);
	const rows = await db
		.selectFrom('quality_marks')
		.innerJoin('schools', 'schools.urn', 'quality_marks.urn')
		.leftJoin('users', 'users.id', 'quality_marks.assessor_id')
		.select([
			'quality_marks.id',
			'quality_marks.urn',
			'quality_marks.framework_key',
			'quality_marks.visit_date',
			'quality_marks.status',
			'quality_marks.assessor_id',
			'schools.name as school_name',
			'users.name as assessor_name'
		])
		.where('quality_marks.visit_date', '>=', fromDate)
		.where('quality_marks.visit_date', '<=', toDate)
		.orderBy('quality_marks.visit_date')
		.orderBy('quality_marks.urn')
		.execute();
	return rows.map((r) => ({
		qualityMarkId: r.id,
		urn: r.urn,
		schoolName: r.school_name,
		frameworkKey: r.framework_key,
		frameworkName: frameworks.find((f) => f.key === r.framework_key)?.name ?? r.framework_key,
		visitDate: r.visit_date!,
		assessorId: r.assessor_id,
		assessorName: r.assessor_name,
		booked: r.status === 'assessment_visit_booked'
	}));
}
