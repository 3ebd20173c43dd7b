import type { Db } from '../db';
import { pupilGroupRows, scaledScoreRows, stateFunded, type BreakdownFigures, type GroupRow } from '../../domain/ks2/pupil-groups';

/** A school's pupil groups and average scaled scores for its latest year that has them. */
export interface PupilGroups {
	year: number;
	groups: GroupRow[];
	scaledScores: GroupRow[];
}

/**
 * The latest year's pupil groups and scaled scores from the EES data sets: the school's own, and
 * the LA's and England's for all state-funded schools. Null when no EES data set gave the school
 * any (a year imported from ks2final only has none of these).
 */
export async function pupilGroupsForSchool(db: Db, urn: number, laCode: string | null): Promise<PupilGroups | null> {
	const own = await db.selectFrom('ks2_school_breakdowns').select(['year', 'figures_json']).where('urn', '=', urn).orderBy('year', 'desc').executeTakeFirst();
	if (!own) return null;
	const areas = await db
		.selectFrom('ks2_area_breakdowns')
		.select(['area', 'figures_json'])
		.where('year', '=', own.year)
		.where('area', 'in', laCode ? [laCode, 'england'] : ['england'])
		.execute();
	const area = (code: string | null) => {
		const row = areas.find((a) => a.area === code);
		return row ? stateFunded(JSON.parse(row.figures_json) as Record<string, BreakdownFigures>) : null;
	};
	const figures = { school: JSON.parse(own.figures_json) as BreakdownFigures, la: area(laCode), england: area('england') };
	return { year: own.year, groups: pupilGroupRows(figures), scaledScores: scaledScoreRows(figures) };
}
