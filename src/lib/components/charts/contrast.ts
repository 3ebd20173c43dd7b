/*
 * WCAG 2.2 contrast, so the chart palette can be checked by a test rather than by eye.
 * Graphics (marks, lines, bars) need 3:1 against their background (1.4.11), text 4.5:1 (1.4.3).
 */

export const GRAPHIC_CONTRAST = 3;
export const TEXT_CONTRAST = 4.5;

/** "#1d70b8" or "#17b" to [29, 112, 184]. Throws on anything else: a typo in the palette must fail loudly. */
export function parseHex(hex: string): [number, number, number] {
	const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
	if (!m) throw new Error(`Not a hex colour: ${hex}`);
	const digits = m[1].length === 3 ? [...m[1]].map((d) => d + d).join('') : m[1];
	return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as [number, number, number];
}

/** Relative luminance, 0 for black to 1 for white (WCAG 2.2 definition). */
export function relativeLuminance(hex: string): number {
	const [r, g, b] = parseHex(hex).map((channel) => {
		const c = channel / 255;
		// WCAG's text says 0.03928; the sRGB standard says 0.04045. No 8-bit value lies between them.
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** From 1 (no contrast) to 21 (black on white); the order of the two colours does not matter. */
export function contrastRatio(a: string, b: string): number {
	const la = relativeLuminance(a);
	const lb = relativeLuminance(b);
	return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The solid colour a translucent mark shows on a background, to check marks drawn with opacity. */
export function blend(hex: string, opacity: number, background = '#ffffff'): string {
	const fg = parseHex(hex);
	const bg = parseHex(background);
	return `#${fg
		.map((c, i) =>
			Math.round(c * opacity + bg[i] * (1 - opacity))
				.toString(16)
				.padStart(2, '0')
		)
		.join('')}`;
}
