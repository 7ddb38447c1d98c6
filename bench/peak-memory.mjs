// Preloaded into each process bench/commands.ts times: at exit, appends the process's peak
// resident memory (bytes) to the file named by HEADROOM_BENCH_RSS.
import { appendFileSync } from 'node:fs';

process.on('exit', () => appendFileSync(process.env.HEADROOM_BENCH_RSS, `${process.resourceUsage().maxRSS * 1024}\n`));
