import { error } from '@sveltejs/kit';
import type { Db } from '../db';
import { knownLas } from '../las';
import { servedLas, type Actor } from '../../domain/access';
import { laLabel } from '../../domain/las';
import { NOT_FOUND } from '../../domain/refusal';
import { INSTALLATION, type SettingsScope } from './calendar';

export interface ScopeView {
	/** Whose settings the page shows and changes: an LA's code, or '' for those every LA shares. */
	scope: SettingsScope;
	/** The choices of whose settings to show, or null when there is nothing to choose (an installation of one LA). */
	options: { value: SettingsScope; label: string }[] | null;
	/** "every LA" or "Surrey (936)", for headings and messages. */
	whose: string;
	/** Whose settings the LA's fall back to, in words ("every LA"), for an LA's page. */
	isLa: boolean;
}

/**
 * Which LA's term dates, closures or templates a page is about, from its `la` parameter: someone
 * who serves every LA starts at those every LA shares and may choose any LA; someone who serves
 * some LAs chooses among theirs. An installation of one LA, seen by someone who serves it all,
 * offers no choice and looks as it always has. An LA they do not serve answers 404.
 */
export async function settingsScope(db: Db, user: Actor, asked: string | null): Promise<ScopeView> {
	const las = servedLas(user);
	const known = await knownLas(db);
	const mine = las === null ? known : known.filter((l) => las.includes(l.code));
	const options = [...(las === null ? [{ value: INSTALLATION, label: 'Every LA' }] : []), ...mine.map((l) => ({ value: l.code, label: laLabel(l) }))];
	const scope = asked ?? options[0]?.value ?? INSTALLATION;
	if (las === null && known.length <= 1 && scope === INSTALLATION) return { scope, options: null, whose: 'every LA', isLa: false };
	const chosen = options.find((o) => o.value === scope);
	if (!chosen) error(404, NOT_FOUND);
	return { scope, options: options.length > 1 ? options : null, whose: scope === INSTALLATION ? 'every LA' : chosen.label, isLa: scope !== INSTALLATION };
}

/** `la=936&` to keep the LA chosen in links and form actions (`?la=936&/save`); '' when there is no choice. */
export const scopeQuery = (view: ScopeView): string => (view.options ? `la=${encodeURIComponent(view.scope)}&` : '');
