/**
 * Jest's module registry cannot `require()` a package that ships only ES modules (cockatiel 4), which Node 20
 * itself loads with `require()`. For jest alone, such a package is transpiled file by file to CommonJS (by
 * the TypeScript compiler, no bundler) into a directory under the OS temp dir, keyed by its version, and
 * `moduleNameMapper` points at the copy. The copy is written once, atomically (rename), so parallel runs agree.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ts = require('typescript');

function cjsCopyOf(packageName) {
  const pkgDir = path.dirname(require.resolve(`${packageName}/package.json`));
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const target = path.join(os.tmpdir(), `pn-jest-cjs-${packageName}-${pkg.version}`);
  const entry = path.join(target, pkg.main ?? 'index.js');
  if (fs.existsSync(entry)) return entry;
  const staging = `${target}.${process.pid}.${Date.now()}`;
  copyTranspiled(pkgDir, staging);
  fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ name: packageName, version: pkg.version, type: 'commonjs', main: pkg.main }));
  try {
    fs.renameSync(staging, target);
  } catch {
    fs.rmSync(staging, { recursive: true, force: true }); // another run won the rename
  }
  return entry;
}

function copyTranspiled(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') copyTranspiled(source, path.join(to, entry.name));
    } else if (entry.name.endsWith('.js')) {
      const out = ts.transpileModule(fs.readFileSync(source, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
      fs.writeFileSync(path.join(to, entry.name), out.outputText);
    }
  }
}

module.exports = { cjsCopyOf };
