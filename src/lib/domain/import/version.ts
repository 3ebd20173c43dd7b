/**
 * DfE publishes each year's KS2 tables up to three times: provisional (September), revised
 * (December, used in the performance tables) and final. A later version replaces an earlier one.
 */
export const KS2_VERSIONS = ['provisional', 'revised', 'final'] as const;
export type Ks2Version = (typeof KS2_VERSIONS)[number];

export function isKs2Version(value: unknown): value is Ks2Version {
	return typeof value === 'string' && (KS2_VERSIONS as readonly string[]).includes(value);
}

/** How late a version is: a file may replace the same or an earlier version, never a later one. */
export function versionRank(version: Ks2Version): number {
	return KS2_VERSIONS.indexOf(version);
}

/** Reads the version from DfE's file name ("2018-2019_850_ks2final.csv"), or null if it does not say. */
export function versionFromFileName(fileName: string): Ks2Version | null {
	const name = fileName.toLowerCase();
	return KS2_VERSIONS.find((v) => name.includes(v)) ?? null;
}
