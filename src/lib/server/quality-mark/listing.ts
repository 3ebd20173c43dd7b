import type { Db } from '../db';
import {
	effectiveStatus,
	holdsAward,
	isQmStatus,
	QM_STATUS_LABELS,
	renewalDueFrom,
	type IsoDate,
	type Key,
	type QmStatus,
	type QualityMarkFramework,
	type QualityMarkRecord
} from '../../domain/quality-mark';
import { toRecord } from './records';

/**
 * The stored records with their school and people, and the shapes the views build from them.
 * Renewal due and lapsed are worked out here from today's date; they are never stored.
 */

export interface Listed {
	id: number;
	schoolName: string;
	assessorId: number | null;
	assessorName: string | null;
	/** Who assessed the award held, which a renewal's visit does not change (see assessorName). */
	awardAssessorName: string | null;
	nomineeName: string | null;
	record: QualityMarkRecord;
}

export async function listed(db: Db, where: { urn?: number } = {}): Promise<Listed[]> {
	let query = db
		.selectFrom('quality_marks')
		.innerJoin('schools', 'schools.urn', 'quality_marks.urn')
		.leftJoin('users as assessor', 'assessor.id', 'quality_marks.assessor_id')
		.leftJoin('users as award_assessor', 'award_assessor.id', 'quality_marks.award_assessor_id')
		.leftJoin('users as nominee', 'nominee.id', 'quality_marks.nominee_id')
		.selectAll('quality_marks')
		.select(['schools.name as school_name', 'assessor.name as assessor_name', 'award_assessor.name as award_assessor_name', 'nominee.name as nominee_name'])
		.orderBy('schools.name')
		.orderBy('quality_marks.urn');
	if (where.urn !== undefined) query = query.where('quality_marks.urn', '=', where.urn);
	const rows = await query.execute();
	return rows.map((r) => ({
		id: r.id,
		schoolName: r.school_name,
		assessorId: r.assessor_id,
		assessorName: r.assessor_name,
		awardAssessorName: r.award_assessor_name,
		nomineeName: r.nominee_name,
		record: toRecord(r)
	}));
}

export interface HistoryEntry {
	id: number;
	changedOn: IsoDate;
	at: string;
	from: string;
	fromLabel: string;
	to: string;
	toLabel: string;
	note: string | null;
	by: string | null;
}

const labelOf = (status: string) => (isQmStatus(status) ? QM_STATUS_LABELS[status] : status);

/** Status history, newest first. */
export async function recordHistory(db: Db, qualityMarkIds: number[]): Promise<(HistoryEntry & { qualityMarkId: number })[]> {
	if (qualityMarkIds.length === 0) return [];
	const rows = await db
		.selectFrom('quality_mark_history')
		.leftJoin('users', 'users.id', 'quality_mark_history.user_id')
		.selectAll('quality_mark_history')
		.select('users.name as user_name')
		.where('quality_mark_id', 'in', qualityMarkIds)
		.orderBy('quality_mark_history.id', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		qualityMarkId: r.quality_mark_id,
		changedOn: r.changed_on,
		at: r.at,
		from: r.from_status,
		fromLabel: labelOf(r.from_status),
		to: r.to_status,
		toLabel: labelOf(r.to_status),
		note: r.note,
		by: r.user_name
	}));
}

/** One school's position under one framework, as the summary component shows it. */
export interface SchoolQualityMark {
	urn: number;
	frameworkKey: Key;
	frameworkName: string;
	frameworkShortName: string;
	status: QmStatus;
	statusLabel: string;
	/** null for a school that has never engaged. */
	statusChangedOn: IsoDate | null;
	awardDate: IsoDate | null;
	expiryDate: IsoDate | null;
	renewalDueFrom: IsoDate | null;
	visitDate: IsoDate | null;
	/** The assessor's feedback from the latest "not yet achieved". */
	feedback: string | null;
	holdsAward: boolean;
	/** The assessor of the visit booked, or of the last one held. */
	assessorName: string | null;
	/** Who assessed the award held: the certificate's assessor, through a renewal too. */
	awardAssessorName: string | null;
	nomineeName: string | null;
	history: HistoryEntry[];
}

export function summarise(framework: QualityMarkFramework, urn: number, found: Listed | undefined, history: HistoryEntry[], today: IsoDate): SchoolQualityMark {
	const record = found?.record;
	const status = record ? effectiveStatus(record, today) : 'not_engaged';
	return {
		urn,
		frameworkKey: framework.key,
		frameworkName: framework.name,
		frameworkShortName: framework.shortName,
		status,
		statusLabel: QM_STATUS_LABELS[status],
		statusChangedOn: record?.statusChangedOn ?? null,
		awardDate: record?.awardDate ?? null,
		expiryDate: record?.expiryDate ?? null,
		renewalDueFrom: record?.expiryDate ? renewalDueFrom(record.expiryDate) : null,
		visitDate: record?.visitDate ?? null,
		feedback: record?.feedback ?? null,
		holdsAward: record ? holdsAward(record, today) : false,
		assessorName: found?.assessorName ?? null,
		awardAssessorName: found?.awardAssessorName ?? null,
		nomineeName: found?.nomineeName ?? null,
		history
	};
}

/** One record in a list to act on: in progress, or expiring. */
export interface WatchItem {
	urn: number;
	schoolName: string;
	frameworkKey: Key;
	frameworkName: string;
	frameworkShortName: string;
	status: QmStatus;
	statusLabel: string;
	/** The date of the last status change. */
	since: IsoDate;
	awardDate: IsoDate | null;
	expiryDate: IsoDate | null;
}

export function watchItems(
	records: readonly Listed[],
	chosen: readonly QualityMarkRecord[],
	frameworks: readonly QualityMarkFramework[],
	today: IsoDate
): WatchItem[] {
	return chosen.map((record) => {
		const framework = frameworks.find((f) => f.key === record.frameworkKey);
		const status = effectiveStatus(record, today);
		return {
			urn: record.urn,
			schoolName: records.find((r) => r.record === record)?.schoolName ?? String(record.urn),
			frameworkKey: record.frameworkKey,
			frameworkName: framework?.name ?? record.frameworkKey,
			frameworkShortName: framework?.shortName ?? record.frameworkKey,
			status,
			statusLabel: QM_STATUS_LABELS[status],
			since: record.statusChangedOn,
			awardDate: record.awardDate,
			expiryDate: record.expiryDate
		};
	});
}

/** Schools in the register that are not closed: the ones Quality Mark coverage and its lists are counted over. */
export async function openSchools(db: Db): Promise<{ urn: number; name: string }[]> {
	const schools = await db.selectFrom('schools').select(['urn', 'name', 'status']).orderBy('name').orderBy('urn').execute();
	return schools.filter((s) => !/^closed/i.test(s.status ?? ''));
}
