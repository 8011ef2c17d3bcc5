/**
 * The compiled WeChat and Alipay builds of the e-card feature: the card pages that are rarely
 * used live in a subpackage, and each host got its own platform files (face check and screen)
 * — a page never branches on the host, the build chooses. Run after `npm run build:weapp` and
 * `npm run build:alipay`.
 */
const { existsSync, readFileSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const dist = (target) => join(__dirname, '../../miniapp/dist', target);

function allJs(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(allJs(p));
    else if (name.endsWith('.js')) out.push(readFileSync(p, 'utf8'));
  }
  return out.join('\n');
}

describe.each(['weapp', 'alipay'])('the %s build of the e-card', (target) => {
  const dir = dist(target);
  const ok = existsSync(join(dir, 'app.json'));
  (ok ? it : it.skip)('puts the QR page in the main package and the card forms in the package-card subpackage', () => {
    const app = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8'));
    expect(app.pages).toEqual(expect.arrayContaining(['pages/ecard/index', 'pages/qrcode/index']));
    const sub = (app.subPackages || app.subpackages).find((s) => s.root === 'package-card');
    expect(sub.pages).toEqual(['real-name/index', 'apply/index', 'level2/index', 'family/index', 'applications/index', 'security/index', 'card/index', 'appointment/index']);
    for (const page of sub.pages) expect(existsSync(join(dir, 'package-card', `${page}.js`))).toBe(true);
  });

  (ok ? it : it.skip)('uses this host’s face SDK and screen APIs, not the browser’s stand-ins', () => {
    const js = allJs(dir);
    // Calls, not mentions: the API contract's description names both SDKs.
    const wechatFace = /\.requestFacialVerify\(/;
    const alipayFace = /\.startAPVerify\(/;
    expect(js).toMatch(target === 'weapp' ? wechatFace : alipayFace);
    expect(js).not.toMatch(target === 'weapp' ? alipayFace : wechatFace);
    // The H5 file's wake lock and simulated-face confirmation are not shipped to the hosts.
    expect(js).not.toContain('wakeLock');
    expect(js).toContain('setKeepScreenOn');
  });
});

it('has at least one mini-program build to check', () => {
  expect(existsSync(join(dist('weapp'), 'app.json')) || existsSync(join(dist('alipay'), 'app.json'))).toBe(true);
});
