import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

/**
 * `npm run apikey -- [--name N] [--role viewer|operator|admin] [--apps a,b]`: prints a new API key once, and
 * the `auth.apiKeys` entry to put in GATEWAY_CONFIG (its sha256; the gateway never stores the key itself).
 */
const { values } = parseArgs({
  options: { name: { type: 'string', default: 'my-app' }, role: { type: 'string', default: 'viewer' }, apps: { type: 'string' } },
});
if (!['viewer', 'operator', 'admin'].includes(values.role!)) {
  console.error(`--role must be viewer, operator or admin, got "${values.role}"`);
  process.exit(2);
}
// 32 random bytes, URL-safe: 256 bits, so the hash alone (no salt, no slow KDF) is safe to store.
const key = `pnk_${randomBytes(32).toString('base64url')}`;
const sha256 = createHash('sha256').update(key, 'utf8').digest('hex');
const entry = { name: values.name, sha256, role: values.role, ...(values.apps ? { apps: values.apps.split(',').map((a) => a.trim()).filter(Boolean) } : {}) };
console.log(`API key (shown once; give it to the client, as "Authorization: Bearer <key>"):\n\n  ${key}\n`);
console.log(`Add to "auth": { "apiKeys": [...] } in GATEWAY_CONFIG:\n\n  ${JSON.stringify(entry)}\n`);
