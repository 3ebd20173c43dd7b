import type { Db } from '../../src/lib/server/db';
import { agreeCategory, agreeUnchanged, moderationList, runAnalysis } from '../../src/lib/server/analysis';

/**
 * Gives the demo a year of history: last year's categories run and agreed, this year's run with
 * the unchanged ones agreed, so the overview shows movement and advisers have a moderation queue.
 */
export async function runDemoAnalysis(db: Db, users: { analystId: number; leadId: number }, years: [number, number]): Promise<void> {
	const lead = { id: users.leadId, role: 'lead_adviser' as const };
	const [lastYear, thisYear] = years;
	await runAnalysis(db, { year: lastYear, userId: users.analystId });
	for (const item of await moderationList(db, lastYear)) {
		if (item.status !== 'agreed') await agreeCategory(db, lead, { urn: item.urn, year: lastYear, note: 'Agreed at last year’s moderation meeting' });
	}
	await runAnalysis(db, { year: thisYear, userId: users.analystId });
	await agreeUnchanged(db, lead, thisYear);
}
