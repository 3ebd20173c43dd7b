import { importMaxBytes } from './import/limits';
import { UPLOAD_PIECE_BYTES } from './import/jobs';

/** Every form in the app, the largest self-audit included, is well under this. */
export const FORM_BODY_BYTES = 2 * 1024 * 1024;

/**
 * The largest request body a route takes. adapter-node's BODY_SIZE_LIMIT must allow the largest
 * (an import sent whole by the form that works without JavaScript); every other route is held to
 * what it needs, so no request can make the server read megabytes it will refuse anyway.
 */
export function bodyLimitFor(pathname: string): number {
	if (pathname === '/imports') return importMaxBytes() + 1024 * 1024;
	if (/^\/imports\/upload\/[^/]+$/.test(pathname)) return UPLOAD_PIECE_BYTES + 1024;
	return FORM_BODY_BYTES;
}

/** Plain words for a refused body, or null when the request may go on. */
export function bodyProblem(method: string, pathname: string, contentLength: string | null): { status: 411 | 413; message: string } | null {
	if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return null;
	if (contentLength === null) return { status: 411, message: 'The request did not say how large it is. Send it again from the page in Triage.' };
	const length = Number(contentLength);
	if (!Number.isSafeInteger(length) || length < 0) return { status: 411, message: 'The request gave a size that is not a number of bytes.' };
	if (length > bodyLimitFor(pathname)) return { status: 413, message: 'The request is larger than this page accepts.' };
	return null;
}
