// Preloaded into a child process by startup.test.ts: writes every module URL the process loads to
// the file named by HEADROOM_IMPORTS_LOG, one per line, so the test can see what a command loaded.
import { register } from 'node:module';
import { appendFileSync } from 'node:fs';

const log = process.env.HEADROOM_IMPORTS_LOG;
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => appendFileSync(log, `${url}\n`));
port1.unref();
register(
  `data:text/javascript,${encodeURIComponent(`
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  port.postMessage(r.url);
  return r;
}`)}`,
  { data: { port: port2 }, transferList: [port2] },
);
