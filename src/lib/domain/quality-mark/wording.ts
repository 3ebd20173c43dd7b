/** Small helpers for the plain-English messages this domain writes. */

/** Blank or whitespace-only text does not count as an answer. */
export function hasText(value: string | null | undefined): boolean {
	return typeof value === 'string' && value.trim() !== '';
}

/** ["A", "B", "C"] → "A, B or C"; the final word is "or" for choices and "and" for lists. */
export function describeChoices(labels: readonly string[], last: 'or' | 'and' = 'or'): string {
	if (labels.length <= 1) return labels.join('');
	return `${labels.slice(0, -1).join(', ')} ${last} ${labels[labels.length - 1]}`;
}

/** 1 → "1 more strand", 2 → "2 more strands". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
	return `${n} ${n === 1 ? singular : plural}`;
}
