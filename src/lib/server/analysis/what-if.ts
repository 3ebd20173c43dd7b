import type { Db } from '../db';
import { today } from '../clock';
import { adoptedPolicy } from './policy-store';
import { asOfFor, loadInputs } from './inputs';
import { resolveYear } from './runs';
import { comparePolicies, type PolicyComparison } from '../../domain/analysis/what-if';
import type { Policy } from '../../domain/analysis/policy';

/**
 * What a draft policy would do to every school's proposal for a year (the latest with data by
 * default), against the adopted policy on the same inputs. Reads only: nothing is stored.
 */
export async function whatIf(
	db: Db,
	draft: Policy,
	options: { year?: number | null; today?: string } = {}
): Promise<{ year: number; comparison: PolicyComparison }> {
	const year = await resolveYear(db, options.year ?? null);
	const adopted = await adoptedPolicy(db);
	const inputs = await loadInputs(db, year, asOfFor(year, options.today ?? today()));
	return { year, comparison: comparePolicies(inputs, adopted.policy, draft) };
}
