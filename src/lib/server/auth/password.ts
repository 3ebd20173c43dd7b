import { hash, verify } from '@node-rs/argon2';

// argon2id with the OWASP-recommended minimum: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

/**
 * A hash of a password nobody has, made with the same settings as every real hash. Sign-in
 * checks an unknown email's password against it, so an unknown email costs the same argon2 work
 * as a wrong password and the answer's timing does not reveal which accounts exist.
 */
let stand_in: Promise<string> | null = null;
export function standInHash(): Promise<string> {
	stand_in ??= hash(`no account ${Math.random()}`, OPTIONS);
	return stand_in;
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** Plain-English reason a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
	if (password.length < MIN_PASSWORD_LENGTH) {
		return `Password must be at least ${MIN_PASSWORD_LENGTH} characters`;
	}
	if (password.length > 256) return 'Password must be 256 characters or fewer';
	return null;
}
