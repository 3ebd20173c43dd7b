import type { Db } from '../db';
import { today } from '../clock';
import { urnsOfLas } from '../la-scope';
import { adoptedPolicy, lasWithOwnPolicy } from './policy-store';
import { asOfFor, loadInputs } from './inputs';
import { resolveYear } from './runs';
import { comparePolicies, type PolicyComparison } from '../../domain/analysis/what-if';
import type { Policy } from '../../domain/analysis/policy';

/**
 * What a draft policy would do to every school's proposal for a year (the latest with data by
 * default), against the adopted policy on the same inputs. Reads only: nothing is stored. With
 * `la`, a draft of that LA's policy: its schools only, against the policy the LA uses now. Without,
 * the policy every LA shares: not the schools of LAs with a policy of their own, which runs
 * categorise on theirs. `served`: the LAs of the admin asking (null: every LA); only their schools.
 */
export async function whatIf(
	db: Db,
	draft: Policy,
	options: { year?: number | null; today?: string; la?: string | null; served?: readonly string[] | null } = {}
): Promise<{ year: number; comparison: PolicyComparison }> {
	const year = await resolveYear(db, options.year ?? null);
	const la = options.la ?? null;
	const adopted = await adoptedPolicy(db, la);
	const all = await loadInputs(db, year, asOfFor(year, options.today ?? today()));
	const ours = la === null ? null : await urnsOfLas(db, [la]);
	const ownPolicy = la === null ? await lasWithOwnPolicy(db) : [];
	const elsewhere = ownPolicy.length > 0 ? await urnsOfLas(db, ownPolicy) : null;
	const visible = await urnsOfLas(db, options.served ?? null);
	const inputs = all.filter(
		(i) => (ours === null || ours.has(i.school.urn)) && (elsewhere === null || !elsewhere.has(i.school.urn)) && (visible === null || visible.has(i.school.urn))
	);
	return { year, comparison: comparePolicies(inputs, adopted.policy, draft) };
}
