import type { Db } from '../db';
import {
	coverageByFramework,
	expiringWithin,
	inProgress,
	isQmStatus,
	type FrameworkCoverage,
	type IsoDate,
	type Key,
	type QmStatus,
	type QualityMarkFramework
} from '../../domain/quality-mark';
import * as clock from '../clock';
import { listFrameworks } from './frameworks';
import { keepServed, type Served } from '../la-scope';
import { listed, openSchools, summarise, watchItems, type SchoolQualityMark, type WatchItem } from './listing';

/** The /quality-mark page for staff: coverage, what to watch, and the filtered table behind the CSV export. */

/** The table's filters, as they appear in the URL. */
export interface TableFilters {
	/** 'engaged' (the default: every status except not engaged), 'all', or one status. */
	status: QmStatus | 'engaged' | 'all';
	/** '' for every framework. */
	framework: Key;
}

export function parseFilters(params: URLSearchParams, frameworks: readonly QualityMarkFramework[]): TableFilters {
	const status = params.get('status') ?? '';
	const framework = params.get('framework') ?? '';
	return {
		status: isQmStatus(status) || status === 'all' ? status : 'engaged',
		framework: frameworks.some((f) => f.key === framework) ? framework : ''
	};
}

export interface TableRow extends Omit<SchoolQualityMark, 'history'> {
	schoolName: string;
}

/**
 * One row per school and framework that matches the filters, including schools that have never
 * engaged (shown only when the filter asks for them). Sorted by school name, then framework.
 */
/** `served`: the schools of the LAs the person asking serves (la-scope.ts); null for every school. */
export async function qualityMarkTable(db: Db, filters: TableFilters, today: IsoDate = clock.today(), served: Served = null): Promise<TableRow[]> {
	const [frameworks, records, schools] = await servedRecords(db, served);
	const names = new Map(schools.map((s) => [s.urn, s.name]));
	for (const r of records) if (!names.has(r.record.urn)) names.set(r.record.urn, r.schoolName);
	const rows: TableRow[] = [];
	for (const [urn, schoolName] of [...names].sort((a, b) => a[1].localeCompare(b[1]) || a[0] - b[0])) {
		for (const framework of frameworks) {
			if (filters.framework && framework.key !== filters.framework) continue;
			const found = records.find((r) => r.record.urn === urn && r.record.frameworkKey === framework.key);
			const { history: _history, ...row } = summarise(framework, urn, found, [], today);
			const wanted = filters.status === 'all' || (filters.status === 'engaged' ? row.status !== 'not_engaged' : row.status === filters.status);
			if (wanted) rows.push({ ...row, schoolName });
		}
	}
	return rows;
}

/** The frameworks, and the records and open schools of the schools in `served`. */
async function servedRecords(db: Db, served: Served) {
	const [frameworks, records, schools] = await Promise.all([listFrameworks(db), listed(db), openSchools(db)]);
	return [frameworks, served === null ? records : records.filter((r) => served.has(r.record.urn)), keepServed(served, schools)] as const;
}

export interface Dashboard {
	coverage: FrameworkCoverage[];
	inProgress: WatchItem[];
	expiring: WatchItem[];
}

/** The top of /quality-mark: coverage by framework, what is in progress, what expires within 6 months. */
export async function qualityMarkDashboard(db: Db, today: IsoDate = clock.today(), months = 6, served: Served = null): Promise<Dashboard> {
	const [frameworks, records, schools] = await servedRecords(db, served);
	const all = records.map((r) => r.record);
	// The lists beside the counts take the same schools: those the register has open.
	const open = new Set(schools.map((s) => s.urn));
	const ofOpen = all.filter((r) => open.has(r.urn));
	return {
		coverage: coverageByFramework(
			frameworks,
			all,
			schools.map((s) => s.urn),
			today,
			months
		),
		inProgress: watchItems(records, inProgress(ofOpen, today), frameworks, today),
		expiring: watchItems(records, expiringWithin(ofOpen, today, months), frameworks, today)
	};
}
