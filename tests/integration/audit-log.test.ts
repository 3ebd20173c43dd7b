import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import { addSchool, addUser } from '../helpers/fixtures';
import { audit, auditLines } from '../../src/lib/server/audit';

describe('the audit log page', () => {
	it('says each change in a sentence, naming the school, person or record changed', async () => {
		const db = await freshDb();
		await addSchool(db, 100001, { name: 'Oak Primary School' });
		const lead = await addUser(db, 'lead_adviser');
		await audit(db, { userId: lead.id, action: 'category.agree', entity: 'school', entityId: 100001 });
		await audit(db, { userId: lead.id, action: 'quality_mark.status', entity: 'quality_mark', entityId: '100001/basic_skills' });
		await audit(db, { userId: null, action: 'import.rollback', entity: 'import', entityId: 4 });
		await audit(db, { userId: lead.id, action: 'category.agree', entity: 'school', entityId: 999999 });
		const lines = await auditLines(db, { before: null, limit: 10 });
		expect(lines.map((l) => [l.who, l.sentence])).toEqual([
			[lead.name, 'Agreed the category of the school with URN 999999'],
			[null, 'Rolled back import 4'],
			[lead.name, 'Changed the Quality Mark status of Oak Primary School (URN 100001)'],
			[lead.name, 'Agreed the category of Oak Primary School (URN 100001)'],
			// Adding the lead adviser's account was logged first.
			[null, `Added the account of ${lead.name}`]
		]);
		expect(await auditLines(db, { before: lines[1].id, limit: 2 })).toHaveLength(2);
	});
});
