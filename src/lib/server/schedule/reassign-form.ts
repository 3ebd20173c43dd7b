import { field } from '../forms';

/** Reads the bulk reassignment form: the chosen URNs and the adviser to give them to (null: none). */
export function reassignFromForm(form: FormData): { urns: number[]; toAdviserId: number | null | 'invalid' } {
	const urns = form.getAll('urn').map(Number).filter(Number.isInteger);
	const to = field(form, 'to-adviser');
	const id = Number(to);
	return { urns, toAdviserId: to === 'none' ? null : to !== '' && Number.isInteger(id) ? id : 'invalid' };
}
