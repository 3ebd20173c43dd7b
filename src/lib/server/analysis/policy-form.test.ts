import { describe, expect, it } from 'vitest';
import { policyFromForm } from './policy-form';
import { DEFAULT_POLICY } from '../../domain/analysis/policy';

function form(fields: Record<string, string>): FormData {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.set(k, v);
	return f;
}

describe('reading the policy form', () => {
	it('orders rules by position, keeping the current order for ties and blanks, and reads the on/off boxes', () => {
		const enabled = Object.fromEntries(DEFAULT_POLICY.rules.filter((r) => r.id !== 'L3').map((r) => [`rules.${r.id}.enabled`, 'on']));
		const raw = policyFromForm(
			form({ ...enabled, 'rules.F5.position': '1.5', 'rules.I1.position': '', 'rules.F1.category': 'intensive', name: ' Tuned ', 'thresholds.belowGap': '-8' }),
			DEFAULT_POLICY.rules
		);
		expect(raw.rules.map((r) => r.id)).toEqual(['I1', 'F5', 'I2', 'I3', 'F1', 'F2', 'F3', 'F4', 'L1', 'L2', 'L3', 'L4', 'L5', 'P1', 'P2']);
		expect(raw.rules.find((r) => r.id === 'L3')?.enabled).toBe(false);
		expect(raw.rules.find((r) => r.id === 'F1')?.category).toBe('intensive');
		expect(raw.rules.find((r) => r.id === 'F2')?.category).toBe('focus');
		expect(raw.name).toBe('Tuned');
		expect(raw.thresholds).toMatchObject({ belowGap: '-8', wellBelowGap: '' });
	});
});
