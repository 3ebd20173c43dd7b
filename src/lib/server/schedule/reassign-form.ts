import { field } from '../forms';
import { isRowId } from '../../domain/ids';

/** Reads the bulk reassignment form: the chosen URNs and the adviser to give them to (null: none). */
export function reassignFromForm(form: FormData): { urns: number[]; toAdviserId: number | null | 'invalid' } {
	const urns = form.getAll('urn').map(Number).filter(isRowId);
	const to = field(form, 'to-adviser');
	const id = Number(to);
	return { urns, toAdviserId: to === 'none' ? null : to !== '' && isRowId(id) ? id : 'invalid' };
}
