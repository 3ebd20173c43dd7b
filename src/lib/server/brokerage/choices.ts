import type { Db } from '../db';
import { rankSupporters, type Declined, type SupporterRanking } from '../../domain/brokerage';
import { brokerageSchools } from './proposals';
import { brokerageSettings } from './settings';

export interface SupporterChoiceOptions {
	/** The analysis year whose categories are matched. */
	year: number;
	/** The school that needs a supporter. */
	urn: number;
	/** Supporters that said no this year. */
	declined?: readonly Declined[];
	/** The pairs already proposed or agreed, to count each supporter's schools; by default, the proposals `match` makes. */
	proposed?: readonly { supportingUrn: number; supportedUrn: number }[];
	/** yyyy-mm-dd: the register and Quality Marks are read as of this day (see brokerageSchools). */
	today?: string;
}

/**
 * Every school that may support one school in a year, best first, with why (rankSupporters), under
 * the stored settings: for a lead adviser who agrees a proposal or picks another supporter. Reads the
 * school's own LA, or every LA when its settings let it be supported from another.
 */
export async function supporterChoices(db: Db, options: SupporterChoiceOptions): Promise<SupporterRanking> {
	const [school, stored] = await Promise.all([
		db.selectFrom('schools').select('la_code').where('urn', '=', options.urn).executeTakeFirst(),
		brokerageSettings(db)
	]);
	const la = school?.la_code ?? null;
	const own = (la !== null ? stored.settingsByLa[la] : undefined) ?? stored.settings;
	const schools = await brokerageSchools(db, { year: options.year, las: la === null || own.allowOtherLas ? null : [la], today: options.today });
	return rankSupporters(schools, options.urn, {
		settings: stored.settings,
		settingsByLa: stored.settingsByLa,
		declined: options.declined,
		proposed: options.proposed
	});
}
