import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { anotherConnection, freshDb, whileHeld } from '../helpers/db';
import { dialectOf } from '../../src/lib/server/db/dialect';
import { addSchool, addUser } from '../helpers/fixtures';
import { addComment, copyForward, decideSummary, getSummary, seAccess, summariesForYear, writeSummary } from '../../src/lib/server/self-evaluation';
import { listNotifications } from '../../src/lib/server/notifications';
import { emptySections, SE_SECTIONS } from '../../src/lib/domain/self-evaluation/summary';
import type { Db } from '../../src/lib/server/db';
import { Refusal } from '../../src/lib/domain/refusal';

const YEAR = 2027;

function complete() {
	const s = emptySections();
	for (const { key } of SE_SECTIONS) s[key] = { judgement: 'strong_standard', evidence: `Evidence for ${key}`, nextSteps: `Next for ${key}` };
	return s;
}

async function setUp(db: Db) {
	const lead = await addUser(db, 'lead_adviser');
	const link = await addUser(db, 'adviser');
	const other = await addUser(db, 'adviser');
	await addSchool(db, 100001, { name: 'Alder Primary', link_adviser_id: link.id });
	await addSchool(db, 100002, { name: 'Birch Primary' });
	const head = await addUser(db, 'headteacher', [100001]);
	const otherHead = await addUser(db, 'headteacher', [100002]);
	return { lead, link, other, head, otherHead };
}

describe('who may do what with a summary', () => {
	it('gives the school, advisers and lead advisers their own part, and nobody else anything', async () => {
		const db = await freshDb();
		const { lead, link, other, head, otherHead } = await setUp(db);
		const school = { urn: 100001, link_adviser_id: link.id, la_code: '850' };
		expect(seAccess(head, school)).toEqual({ side: 'school', canDecide: false, canComment: false });
		expect(seAccess(otherHead, school)).toBeNull();
		expect(seAccess(link, school)).toEqual({ side: 'adviser', canDecide: true, canComment: true });
		expect(seAccess(other, school)).toEqual({ side: 'adviser', canDecide: false, canComment: true });
		expect(seAccess(lead, school)).toEqual({ side: 'adviser', canDecide: true, canComment: true });
		// A regional user reads it: no comment or decision is offered that would be refused.
		expect(seAccess(await addUser(db, 'regional'), school)).toEqual({ side: 'adviser', canDecide: false, canComment: false });
		expect(seAccess(await addUser(db, 'admin'), school)).toBeNull();
		expect(seAccess(await addUser(db, 'analyst'), school)).toBeNull();
	});
});

describe('writing, submitting and agreeing a summary', () => {
	it('saves a half-written draft, refuses an incomplete submission, then submits and tells the advisers', async () => {
		const db = await freshDb();
		const { head, link, lead, other } = await setUp(db);
		const draft = emptySections();
		draft.achievement = { judgement: 'needs_attention', evidence: 'Results fell', nextSteps: '' };
		await writeSummary(db, head, 100001, YEAR, draft, 'save');
		expect((await getSummary(db, 100001, YEAR))?.status).toBe('draft');

		const refused = writeSummary(db, head, 100001, YEAR, draft, 'submit');
		await expect(refused).rejects.toBeInstanceOf(Refusal);
		await expect(refused).rejects.toMatchObject({
			errors: expect.objectContaining({ 'achievement.nextSteps': 'Enter the next steps for achievement in key stage 2' })
		});
		expect((await getSummary(db, 100001, YEAR))?.status).toBe('draft');

		await writeSummary(db, head, 100001, YEAR, complete(), 'submit');
		const submitted = await getSummary(db, 100001, YEAR);
		expect(submitted?.status).toBe('submitted');
		expect(submitted?.sections.governance.evidence).toBe('Evidence for governance');

		for (const adviser of [link, lead]) {
			const [n] = await listNotifications(db, adviser.id);
			expect(n.message).toBe('Alder Primary submitted its self-evaluation summary for 2026/27');
			expect(n.link).toBe('/self-evaluation/100001?year=2027');
		}
		expect(await listNotifications(db, other.id)).toEqual([]);

		await expect(writeSummary(db, head, 100001, YEAR, complete(), 'save')).rejects.toThrow('cannot be changed');
	});

	it('advisers comment per section, the link adviser reviews and agrees, and the head hears each step', async () => {
		const db = await freshDb();
		const { head, link, other } = await setUp(db);
		await expect(addComment(db, other, 100001, YEAR, 'teaching', 'Too early')).rejects.toThrow('once the school has submitted');
		await writeSummary(db, head, 100001, YEAR, complete(), 'submit');

		await addComment(db, other, 100001, YEAR, 'teaching', 'Which year groups did you observe?');
		await expect(addComment(db, other, 100001, YEAR, 'teaching', '   ')).rejects.toThrow('Enter a comment');
		await expect(addComment(db, other, 100001, YEAR, 'nonsense', 'x')).rejects.toThrow('Choose a section');
		await decideSummary(db, link, 100001, YEAR, 'review');
		await decideSummary(db, link, 100001, YEAR, 'agree');

		const summary = await getSummary(db, 100001, YEAR);
		expect(summary?.status).toBe('agreed');
		expect(summary?.comments).toEqual([expect.objectContaining({ section_key: 'teaching', body: 'Which year groups did you observe?', author: other.name })]);
		const messages = (await listNotifications(db, head.id)).map((n) => n.message).reverse();
		expect(messages).toEqual([
			`${other.name} commented on "Quality of teaching" in Alder Primary’s self-evaluation summary`,
			'Alder Primary’s self-evaluation summary for 2026/27 has been reviewed',
			'Alder Primary’s self-evaluation summary for 2026/27 has been agreed'
		]);
		await expect(decideSummary(db, link, 100001, YEAR, 'return')).rejects.toThrow('Only a submitted or reviewed summary');

		const audit = await db.selectFrom('audit_log').select('action').where('entity', '=', 'se_summary').orderBy('id').execute();
		expect(audit.map((a) => a.action)).toEqual(['se_summary.submit', 'se_summary.comment', 'se_summary.review', 'se_summary.agree']);
	});

	it('returning a summary lets the school edit it again', async () => {
		const db = await freshDb();
		const { head, lead } = await setUp(db);
		await writeSummary(db, head, 100001, YEAR, complete(), 'submit');
		await decideSummary(db, lead, 100001, YEAR, 'return');
		const changed = complete();
		changed.priorities.nextSteps = 'Reading fluency in year 3';
		await writeSummary(db, head, 100001, YEAR, changed, 'save');
		expect((await getSummary(db, 100001, YEAR))?.sections.priorities.nextSteps).toBe('Reading fluency in year 3');
	});

	it('copies last year forward into a new draft, once', async () => {
		const db = await freshDb();
		const { head } = await setUp(db);
		await expect(copyForward(db, head, 100001, YEAR)).rejects.toThrow('no earlier summary');
		await writeSummary(db, head, 100001, YEAR - 1, complete(), 'submit');
		await copyForward(db, head, 100001, YEAR);
		const copy = await getSummary(db, 100001, YEAR);
		expect(copy?.status).toBe('draft');
		expect(copy?.sections).toEqual(complete());
		await expect(copyForward(db, head, 100001, YEAR)).rejects.toThrow('There is already a summary for 2026/27');
	});

	it('lists every school for advisers with submitted summaries first, and its link adviser', async () => {
		const db = await freshDb();
		const { head, link } = await setUp(db);
		await writeSummary(db, head, 100001, YEAR, complete(), 'submit');
		const rows = await summariesForYear(db, YEAR);
		expect(rows.map((r) => [r.name, r.status, r.linkAdviserId])).toEqual([
			['Alder Primary', 'submitted', link.id],
			['Birch Primary', null, null]
		]);
	});
});

describe('two people at once (on PostgreSQL, two app servers)', () => {
	const held = (urn: number) => sql`select urn from schools where urn = ${urn} for update`;

	it('two first saves of a year make one summary, the later one kept, without an error', async () => {
		const db = await freshDb();
		const { head } = await setUp(db);
		const other = dialectOf(db) === 'postgres' ? anotherConnection(db) : db;
		const [first, second] = ['First words', 'Second words'].map((evidence) => {
			const s = emptySections();
			s.achievement = { judgement: 'needs_attention', evidence, nextSteps: '' };
			return s;
		});
		const results = await whileHeld(db, held(100001), () =>
			Promise.allSettled([writeSummary(db, head, 100001, YEAR, first, 'save'), writeSummary(other, head, 100001, YEAR, second, 'save')])
		);
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
		expect(await db.selectFrom('se_summaries').select('id').where('urn', '=', 100001).execute()).toHaveLength(1);
		expect(['First words', 'Second words']).toContain((await getSummary(db, 100001, YEAR))?.sections.achievement.evidence);
	});

	it('agreeing and returning a summary at the same moment: one applies, the other is refused in words', async () => {
		const db = await freshDb();
		const { head, link, lead } = await setUp(db);
		await writeSummary(db, head, 100001, YEAR, complete(), 'submit');
		const other = dialectOf(db) === 'postgres' ? anotherConnection(db) : db;
		const results = await whileHeld(db, held(100001), () =>
			Promise.allSettled([decideSummary(db, link, 100001, YEAR, 'agree'), decideSummary(other, lead, 100001, YEAR, 'return')])
		);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		const summary = await getSummary(db, 100001, YEAR);
		// Agreed with no return after it, or returned (a draft) and never agreed.
		expect([summary?.status === 'agreed', summary?.status === 'draft' && summary?.agreedAt === null]).toContain(true);
		expect(await db.selectFrom('notifications').select('id').where('kind', 'in', ['se_summary.agree', 'se_summary.return']).execute()).toHaveLength(1);
	});

	it('a summary sent back for changes still says when it was submitted once the school saves it again', async () => {
		const db = await freshDb();
		const { head, link } = await setUp(db);
		await writeSummary(db, head, 100001, YEAR, complete(), 'submit');
		const submitted = (await getSummary(db, 100001, YEAR))?.submittedAt;
		expect(submitted).toMatch(/^20/);
		await decideSummary(db, link, 100001, YEAR, 'return');
		await writeSummary(db, head, 100001, YEAR, complete(), 'save');
		expect(await getSummary(db, 100001, YEAR)).toMatchObject({ status: 'draft', submittedAt: submitted });
	});
});
