import { describe, expect, it } from 'vitest';
import { blend, contrastRatio, parseHex, relativeLuminance } from './contrast';

describe('contrast', () => {
	it.each([
		['#000000', [0, 0, 0]],
		['#FFFFFF', [255, 255, 255]],
		['#1d70b8', [29, 112, 184]],
		['#17b', [17, 119, 187]]
	] as const)('parseHex(%s)', (hex, rgb) => {
		expect(parseHex(hex)).toEqual(rgb);
	});

	it.each(['1d70b8', '#12345', 'red', '#gggggg', ''])('parseHex rejects %j', (hex) => {
		expect(() => parseHex(hex)).toThrow(/Not a hex colour/);
	});

	it.each([
		['#000000', 0],
		['#ffffff', 1],
		['#ff0000', 0.2126],
		['#00ff00', 0.7152],
		['#0000ff', 0.0722],
		// A mid grey: 0x80 = 128/255 is on the curved part of the sRGB transfer function.
		['#808080', 0.2159]
	])('relativeLuminance(%s) is %f', (hex, luminance) => {
		expect(relativeLuminance(hex)).toBeCloseTo(luminance, 4);
	});

	it.each([
		['#000000', '#ffffff', 21],
		['#ffffff', '#000000', 21],
		['#ffffff', '#ffffff', 1],
		// Published figures: GOV.UK blue 5.17:1, GOV.UK secondary text grey 7.07:1, #767676 is the classic 4.54:1.
		['#1d70b8', '#ffffff', 5.17],
		['#505a5f', '#ffffff', 7.07],
		['#767676', '#ffffff', 4.54]
	])('contrastRatio(%s, %s) is %f', (a, b, ratio) => {
		expect(contrastRatio(a, b)).toBeCloseTo(ratio, 2);
	});

	it.each([
		['#000000', 1, '#000000'],
		['#000000', 0, '#ffffff'],
		['#000000', 0.5, '#808080'],
		['#1d70b8', 0.5, '#8eb8dc'],
		['#ff0000', 0.5, '#800000', '#000000']
	])('blend(%s, %f) is %s', (hex, opacity, expected, background?: string) => {
		expect(blend(hex, opacity, background)).toBe(expected);
	});
});
