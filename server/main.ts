// `npm run serve`: the class server on one port (default 8787): the app, the room API and the
// collaboration endpoint. Options: --port N, --host ADDRESS, --data DIR, --redis redis://HOST:PORT.
import { networkInterfaces } from 'node:os';
import { startServer } from './server';

const argv = process.argv.slice(2);
const option = (name: string) => {
  const at = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (at === -1) return undefined;
  const arg = argv[at]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[at + 1];
};

const port = Number(option('port') ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a whole number from 0 to 65535, not "${option('port')}"`);
  process.exit(2);
}
const host = option('host') ?? '0.0.0.0';
const dataDir = option('data') ?? 'clashmap-data';

// --redis redis://HOST:PORT: several instances behind one address share rooms through Redis.
const redisUrl = option('redis');
let redis: { host: string; port: number } | undefined;
if (redisUrl) {
  const parsed = URL.canParse(redisUrl) ? new URL(redisUrl) : null;
  if (!parsed || parsed.protocol !== 'redis:') {
    console.error(`--redis must be a redis://HOST:PORT address, not "${redisUrl}"`);
    process.exit(2);
  }
  redis = { host: parsed.hostname, port: Number(parsed.port || 6379) };
}

const running = await startServer({
  port,
  host,
  dataDir,
  distDir: 'dist',
  ...(redis ? { redis } : {}),
});
const addresses =
  host === '0.0.0.0'
    ? Object.values(networkInterfaces())
        .flat()
        .filter((a) => a && a.family === 'IPv4')
        .map((a) => a!.address)
    : [host];
console.log(`Clashmap class server: data in ${dataDir}/`);
for (const address of addresses) console.log(`  http://${address}:${running.port}/`);
console.log('Students open the link the teacher shares. Press Ctrl+C to stop.');
const stop = () => void running.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
