/*
 * Arrow keys between a chart's marks. Only one mark is a tab stop (a "roving tabindex"), so a
 * scatter of 400 schools costs a keyboard user one Tab, not 400; the arrows then walk the marks.
 */

/** The index of the mark a key moves to, or null when the key is not a chart key. */
export function arrowTarget(key: string, index: number, count: number): number | null {
	if (count <= 0) return null;
	switch (key) {
		case 'ArrowRight':
		case 'ArrowDown':
			return Math.min(index + 1, count - 1);
		case 'ArrowLeft':
		case 'ArrowUp':
			return Math.max(index - 1, 0);
		case 'Home':
			return 0;
		case 'End':
			return count - 1;
		default:
			return null;
	}
}
