// `npm run bench`: the performance benchmark (bench/run.ts, loaded through tsx).
// `npm run bench -- --size-only`: only the initial-JavaScript size budget, no browser (for CI).
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../bench/run.ts', import.meta.url);
await main();
