import { expect } from 'vitest';

/** The error a promise was rejected with, checked to be a `kind`: for reading a refusal's message and status. */
export async function rejection<E>(kind: new (...args: never[]) => E, promise: Promise<unknown>): Promise<E> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(kind);
	return error as E;
}
