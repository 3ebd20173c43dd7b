// The entry of the thread an import from the web runs in (see off-thread.ts). Plain JavaScript, so
// node can start it anywhere (the dev server, the tests, `npm start`'s build); it loads the
// importer's TypeScript through tsx, a dependency of the app.
import { register } from 'tsx/esm/api';

register();
await import('./import-worker.ts');
