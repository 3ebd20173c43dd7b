import type { Db } from '../db';
import { match, NEEDING_CATEGORIES, type BrokerageSettings } from '../../domain/brokerage';
import { brokerageSchools } from './proposals';
import { brokerageSettings, EVERY_LA, type BrokerageScope } from './settings';
import { declinedIn, openPartnerships } from './partnerships';

export interface BrokerageWhatIf {
	/** The schools in Light touch, Focus or Intensive support whose LA uses these settings, not yet in a partnership. */
	needing: number;
	/** Those left out of `needing` because a partnership for them is proposed or under way that year. */
	partnered: number;
	/** How many of them would be matched with the settings as typed, and are with those stored now. */
	matched: number;
	matchedNow: number;
}

/**
 * How many schools that need support would be matched in `year` if `scope`'s settings ('' for those
 * every LA without its own shares) were `draft`, against the settings stored now: counted on the
 * schools of that LA (or of every LA that uses the shared settings), matched together with any other
 * LA's schools they may be paired with. As the proposals do, it never pairs a school with a supporter
 * that declined it that year, leaves out the schools whose partnership is proposed or under way, and
 * takes those partnerships off their supporters' places. Nothing is saved.
 */
export async function brokerageWhatIf(db: Db, o: { year: number; scope: BrokerageScope; draft: BrokerageSettings; today?: string }): Promise<BrokerageWhatIf> {
	const [stored, declined, open] = await Promise.all([brokerageSettings(db), declinedIn(db, o.year), openPartnerships(db, o.year)]);
	const now = { settings: stored.settings, settingsByLa: stored.settingsByLa, declined, open };
	const tried = o.scope === EVERY_LA ? { ...now, settings: o.draft } : { ...now, settingsByLa: { ...stored.settingsByLa, [o.scope]: o.draft } };
	const crossing = o.draft.allowOtherLas || (o.scope !== EVERY_LA && (stored.settingsByLa[o.scope] ?? stored.settings).allowOtherLas);
	const schools = await brokerageSchools(db, { year: o.year, las: o.scope === EVERY_LA || crossing ? null : [o.scope], today: o.today });
	const usesScope = (la: string | null) => (o.scope === EVERY_LA ? la === null || stored.settingsByLa[la] === undefined : la === o.scope);
	const needing = schools.filter((s) => usesScope(s.laCode) && NEEDING_CATEGORIES.includes(s.category)).map((s) => s.urn);
	const counted = new Set(needing.filter((urn) => !open.supported.has(urn)));
	const matchedWith = (settings: typeof now) => match(schools, settings).matches.filter((m) => counted.has(m.supportedUrn)).length;
	return { needing: counted.size, partnered: needing.length - counted.size, matched: matchedWith(tried), matchedNow: matchedWith(now) };
}
