/**
 * The process test/report/kill.test.ts kills: writes the "new" run of faults.ts into a folder
 * with a FolderFs that SIGKILLs this process at operation `at` (`kill`, or `kill-mid-write` half
 * through a file). Reaching the end means the commit needed fewer operations: it says so.
 *   run-ts.mjs test/report/kill-child.ts <folder> <at> <kill|kill-mid-write>
 */
import { writeRunOutputs } from '../../src/report/outputs.ts';
import { faultyFs, twoRuns, type Fault } from './faults.ts';

const [folder, at, fault] = process.argv.slice(2);
const runs = await twoRuns();
const count = { ops: 0 };
await writeRunOutputs(folder, runs.new, { wallSec: 1, report: false, fs: faultyFs(Number(at), fault as Fault, count) });
process.stdout.write(`done after ${count.ops} operations\n`);
