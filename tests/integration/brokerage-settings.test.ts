// Each LA's settings for school-to-school support, stored and used: saved and reset with every change
// in the audit log, an LA without its own using the installation's, proposals and `triage broker`
// matching by them, the what-if of the policy page, and the ranked supporters of one school.
import { describe, expect, it } from 'vitest';
import {
	brokerageSettings,
	brokerageSettingsOf,
	agreePartnership,
	brokerageWhatIf,
	declinedIn,
	proposalFor,
	proposals,
	proposePartnership,
	resetBrokerageSettings,
	respondToPartnership,
	saveBrokerageSettings,
	supporterChoices
} from '../../src/lib/server/brokerage';
import { auditLines } from '../../src/lib/server/audit';
import { DEFAULT_BROKERAGE_SETTINGS } from '../../src/lib/domain/brokerage';
import { Refusal } from '../../src/lib/domain/refusal';
import { databaseUrlOf, freshDb } from '../helpers/db';
import { triage } from '../helpers/cli';
import { addUser as addHeadteacher } from '../helpers/fixtures';
import { addUser, URNS } from './analysis-fixtures';
import { placedLa } from './brokerage-fixtures';
import { addAward, BS } from './quality-mark-fixtures';

const asTyped = (capacity: string, maxDistanceKm: string, supportingCategories: string[], allowOtherLas?: boolean) => ({
	capacity,
	maxDistanceKm,
	supportingCategories,
	allowOtherLas
});
const matched = (p: Awaited<ReturnType<typeof proposals>>) => p.matches.map((m) => [m.supportedUrn, m.supportingUrn]);

describe('brokerage settings', () => {
	it('are the defaults until saved; an LA without its own uses the installation’s, and goes back to them when reset', async () => {
		const db = await freshDb();
		const admin = await addUser(db, 'admin', 'Adele Admin');
		expect(await brokerageSettings(db)).toEqual({ settings: DEFAULT_BROKERAGE_SETTINGS, settingsByLa: {}, saved: false });

		const shared = await saveBrokerageSettings(db, admin.id, '', asTyped('3', '12.5', ['secure_plus']));
		expect(shared).toEqual({ capacity: 3, maxDistanceKm: 12.5, supportingCategories: ['secure_plus'], allowOtherLas: false });
		await saveBrokerageSettings(db, admin.id, '936', asTyped('1', '40', ['secure', 'secure_plus'], true));
		const surrey = { capacity: 1, maxDistanceKm: 40, supportingCategories: ['secure_plus', 'secure'], allowOtherLas: true };
		expect(await brokerageSettings(db)).toEqual({ settings: shared, settingsByLa: { '936': surrey }, saved: true });
		expect(await brokerageSettingsOf(db, '936')).toEqual({ settings: surrey, from: 'own' });
		expect(await brokerageSettingsOf(db, '850')).toEqual({ settings: shared, from: 'every LA' });

		// Saved again, a setting the form did not ask keeps what the LA had.
		await saveBrokerageSettings(db, admin.id, '936', { capacity: 2, maxDistanceKm: 40, supportingCategories: ['secure_plus'] });
		expect((await brokerageSettingsOf(db, '936')).settings).toMatchObject({ capacity: 2, allowOtherLas: true });

		await resetBrokerageSettings(db, admin.id, '936');
		expect(await brokerageSettingsOf(db, '936')).toEqual({ settings: shared, from: 'every LA' });
		// Nothing of its own left to reset: nothing changes, nothing is logged.
		await resetBrokerageSettings(db, admin.id, '936');
		await resetBrokerageSettings(db, admin.id, '');
		expect(await brokerageSettingsOf(db, '936')).toEqual({ settings: DEFAULT_BROKERAGE_SETTINGS, from: 'defaults' });

		const log = await db
			.selectFrom('audit_log')
			.select(['action', 'entity_id', 'user_id', 'before_json', 'after_json'])
			.where('entity', '=', 'brokerage_settings')
			.orderBy('id')
			.execute();
		expect(log.map((l) => [l.action, l.entity_id, l.user_id])).toEqual([
			['brokerage_settings.update', '', admin.id],
			['brokerage_settings.update', '936', admin.id],
			['brokerage_settings.update', '936', admin.id],
			['brokerage_settings.reset', '936', admin.id],
			['brokerage_settings.reset', '', admin.id]
		]);
		expect(JSON.parse(log[1].before_json!)).toEqual({ la: '936', from: 'every LA', ...shared });
		expect(JSON.parse(log[1].after_json!)).toEqual({ la: '936', ...surrey });
		expect(JSON.parse(log[3].before_json!)).toEqual({ la: '936', ...surrey, capacity: 2, supportingCategories: ['secure_plus'] });
		const sentences = (await auditLines(db, { before: null, limit: 10 })).lines.map((l) => l.sentence);
		expect(sentences).toEqual([
			'Put back the usual school-to-school support settings of every LA',
			'Put back the usual school-to-school support settings of LA 936',
			'Changed the school-to-school support settings of LA 936',
			'Changed the school-to-school support settings of LA 936',
			'Changed the school-to-school support settings of every LA'
		]);
	});

	it('refuses settings that do not make sense, field by field, and saves nothing', async () => {
		const db = await freshDb();
		const admin = await addUser(db, 'admin', 'Adele Admin');
		const refusal = await saveBrokerageSettings(db, admin.id, '', asTyped('0', 'far', [])).catch((e: unknown) => e);
		expect(refusal).toBeInstanceOf(Refusal);
		expect((refusal as Refusal).status).toBe(400);
		expect((refusal as Refusal).errors).toEqual({
			capacity: 'How many schools one supporter may support must be between 1 and 10',
			'max-distance': 'The farthest distance must be a number of kilometres, like 25 or 12.5',
			'supporting-categories': 'Choose at least one category of school that may support others'
		});
		expect(await brokerageSettings(db)).toMatchObject({ saved: false, settingsByLa: {} });
		expect(await db.selectFrom('audit_log').select('id').where('entity', '=', 'brokerage_settings').execute()).toEqual([]);
	});

	it('name the LA in the audit log when the register knows it', async () => {
		const { db, users } = await placedLa();
		await saveBrokerageSettings(db, users.admin.id, '999', asTyped('2', '25', ['secure_plus']));
		expect((await auditLines(db, { before: null, limit: 1 })).lines[0].sentence).toBe('Changed the school-to-school support settings of Testshire (999)');
	});
});

describe('proposals and triage broker use the stored settings', () => {
	it('matches by the installation’s settings, and by an LA’s own where it has them', async () => {
		const { db, users } = await placedLa();
		const options = { year: 2019, las: null, today: '2019-10-01' } as const;
		expect(matched(await proposals(db, options))).toEqual([
			[URNS.intensive, URNS.securePlus],
			[URNS.focus, URNS.securePlus]
		]);

		await saveBrokerageSettings(db, users.admin.id, '', asTyped('3', '6', ['secure_plus']));
		const shared = await proposals(db, options);
		expect(shared).toMatchObject({ maxDistanceKm: 6, capacityPerSupporter: 3 });
		expect(matched(shared)).toEqual([
			[URNS.intensive, URNS.securePlus],
			[URNS.focus, URNS.securePlus]
		]);
		expect(shared.unmatched).toEqual([{ urn: URNS.lightTouch, reason: 'No Secure Plus school in the same LA is within 6 km.' }]);

		await saveBrokerageSettings(db, users.admin.id, '999', asTyped('3', '10', ['secure_plus']));
		const own = await proposals(db, { ...options, las: ['999'] });
		expect(own).toMatchObject({ maxDistanceKm: 10, capacityPerSupporter: 3, unmatched: [] });
		expect(matched(own)).toEqual([
			[URNS.intensive, URNS.securePlus],
			[URNS.lightTouch, URNS.securePlus],
			[URNS.focus, URNS.securePlus]
		]);
		// Settings given to it (a what-if) are used instead of those stored.
		expect(matched(await proposals(db, { ...options, settings: { ...DEFAULT_BROKERAGE_SETTINGS, capacity: 1 } }))).toEqual([[URNS.intensive, URNS.securePlus]]);

		const path = databaseUrlOf(db);
		const json = triage(['broker', '--year', '2018-19', '--la', '999', '--format', 'json'], { databaseUrl: path });
		expect(json.stderr).toBe('');
		expect(JSON.parse(json.stdout)).toMatchObject({ maxDistanceKm: 10, capacityPerSupporter: 3, unmatched: [] });
		const every = JSON.parse(triage(['broker', '--year', '2018-19', '--format', 'json'], { databaseUrl: path }).stdout);
		expect(every).toMatchObject({ maxDistanceKm: 6, capacityPerSupporter: 3 });
		expect(every.matches).toHaveLength(3);
	});

	it('says how many schools that need support settings as typed would match, against now, without saving them', async () => {
		const { db, users } = await placedLa();
		const wider = { ...DEFAULT_BROKERAGE_SETTINGS, capacity: 3 };
		expect(await brokerageWhatIf(db, { year: 2019, scope: '', draft: wider, today: '2019-10-01' })).toEqual({
			needing: 3,
			partnered: 0,
			matched: 3,
			matchedNow: 2
		});
		expect(await brokerageWhatIf(db, { year: 2019, scope: '999', draft: { ...wider, maxDistanceKm: 3 }, today: '2019-10-01' })).toEqual({
			needing: 3,
			partnered: 0,
			matched: 1,
			matchedNow: 2
		});
		// The shared settings are counted on the LAs that use them: none, once Testshire has its own.
		await saveBrokerageSettings(db, users.admin.id, '999', asTyped('1', '25', ['secure_plus']));
		expect(await brokerageWhatIf(db, { year: 2019, scope: '', draft: wider, today: '2019-10-01' })).toEqual({
			needing: 0,
			partnered: 0,
			matched: 0,
			matchedNow: 0
		});
		expect(await brokerageWhatIf(db, { year: 2019, scope: '999', draft: wider, today: '2019-10-01' })).toEqual({
			needing: 3,
			partnered: 0,
			matched: 3,
			matchedNow: 1
		});
		expect(await brokerageSettingsOf(db, '999')).toMatchObject({ settings: { capacity: 1 }, from: 'own' });
	});

	it('leaves out of the count a school whose partnership is proposed or under way, and takes it off its supporter’s places', async () => {
		const { db, users } = await placedLa();
		const wider = { ...DEFAULT_BROKERAGE_SETTINGS, capacity: 3 };
		const lead = users.lead;
		const id = await proposePartnership(db, lead, { year: 2019, ...(await proposalFor(db, lead, 2019, URNS.focus, URNS.securePlus)) });
		// Proposed: the Focus school is not counted again, and the Secure Plus school has one place fewer.
		expect(await brokerageWhatIf(db, { year: 2019, scope: '', draft: wider, today: '2019-10-01' })).toEqual({
			needing: 2,
			partnered: 1,
			matched: 2,
			matchedNow: 1
		});
		await agreePartnership(db, lead, id);
		expect(await brokerageWhatIf(db, { year: 2019, scope: '', draft: wider, today: '2019-10-01' })).toEqual({
			needing: 2,
			partnered: 1,
			matched: 2,
			matchedNow: 1
		});
		// As the proposals page counts it.
		expect(matched(await proposals(db, { year: 2019, las: null, today: '2019-10-01' }))).toEqual([[URNS.intensive, URNS.securePlus]]);
	});

	it('never pairs a school with a supporter that declined it that year, nor do the proposals or triage broker', async () => {
		const { db, users } = await placedLa();
		const wider = { ...DEFAULT_BROKERAGE_SETTINGS, capacity: 3 };
		const lead = users.lead;
		const id = await proposePartnership(db, lead, { year: 2019, ...(await proposalFor(db, lead, 2019, URNS.focus, URNS.securePlus)) });
		await agreePartnership(db, lead, id);
		await respondToPartnership(db, await addHeadteacher(db, 'headteacher', [URNS.securePlus]), id, 'declined');

		// Before the decline, 3 would be matched as typed (above): the Focus school has no other supporter near enough.
		// Now, its place with the supporter goes to the Light touch school, as in the proposals.
		expect(await brokerageWhatIf(db, { year: 2019, scope: '', draft: wider, today: '2019-10-01' })).toEqual({
			needing: 3,
			partnered: 0,
			matched: 2,
			matchedNow: 2
		});
		const declined = await declinedIn(db, 2019);
		const proposed = await proposals(db, { year: 2019, las: null, today: '2019-10-01', declined });
		expect(matched(proposed)).toEqual([
			[URNS.intensive, URNS.securePlus],
			[URNS.lightTouch, URNS.securePlus]
		]);
		// Not told them, the proposals read the year's declines themselves; so does `triage broker`.
		expect(matched(await proposals(db, { year: 2019, las: null, today: '2019-10-01' }))).toEqual(matched(proposed));
		const cli = triage(['broker', '--year', '2018-19', '--format', 'json'], { databaseUrl: databaseUrlOf(db) });
		expect(cli.stderr).toBe('');
		expect(JSON.parse(cli.stdout).matches.map((m: { supportedUrn: number; supportingUrn: number }) => [m.supportedUrn, m.supportingUrn])).toEqual([
			[URNS.intensive, URNS.securePlus],
			[URNS.lightTouch, URNS.securePlus]
		]);
	});
});

describe('supporterChoices', () => {
	it('ranks every school that may support one school, with why, how far, and how many it is already proposed to', async () => {
		const { db, users } = await placedLa();
		await addAward(db, URNS.secure, BS, '2019-01-31', '2022-01-31');
		// Proposed now: Ashdown and Elm to Cedar, Dale to Birchwood. For Elm, each is proposed to one other school.
		expect(matched(await proposals(db, { year: 2019, las: null, today: '2019-10-01' }))).toEqual([
			[URNS.intensive, URNS.securePlus],
			[URNS.lightTouch, URNS.secure],
			[URNS.focus, URNS.securePlus]
		]);
		const choices = await supporterChoices(db, { year: 2019, urn: URNS.focus, today: '2019-10-01' });
		expect(choices.none).toBeNull();
		expect(choices.supporters.map((s) => [s.rank, s.urn, s.category, s.distanceKm, s.proposedFor, s.capacity])).toEqual([
			[1, URNS.securePlus, 'secure_plus', 5, 1, 2],
			[2, URNS.secure, 'secure', 2, 1, 2]
		]);
		expect(choices.supporters[0].reasons).toMatch(/^RWM expected 16 points above England \(81% in 2018\/19\) where Elm Primary School's is .*; 5 km/);
		expect(choices.supporters[1].reasons).toMatch(
			/^Holds the Basic Skills Quality Mark \(current until 31 January 2022\) where Elm Primary School's RWM expected is /
		);

		const declined = await supporterChoices(db, {
			year: 2019,
			urn: URNS.focus,
			today: '2019-10-01',
			declined: [{ supportingUrn: URNS.securePlus, supportedUrn: null }]
		});
		expect(declined.supporters.map((s) => s.urn)).toEqual([URNS.secure]);
		const held = await supporterChoices(db, {
			year: 2019,
			urn: URNS.focus,
			today: '2019-10-01',
			proposed: [{ supportingUrn: URNS.secure, supportedUrn: URNS.lightTouch }]
		});
		expect(held.supporters.map((s) => [s.urn, s.proposedFor])).toEqual([
			[URNS.securePlus, 0],
			[URNS.secure, 1]
		]);

		// By the stored settings: Testshire lets only Secure Plus schools support, within 4 km.
		await saveBrokerageSettings(db, users.admin.id, '999', asTyped('2', '4', ['secure_plus']));
		expect(await supporterChoices(db, { year: 2019, urn: URNS.focus, today: '2019-10-01' })).toEqual({
			urn: URNS.focus,
			supporters: [],
			none: 'No Secure Plus school in the same LA is within 4 km.'
		});
		expect((await supporterChoices(db, { year: 2019, urn: URNS.securePlus, today: '2019-10-01' })).none).toBe(
			'This school is not in a category that needs support.'
		);
	});
});
