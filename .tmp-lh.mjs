import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
const site = 'http://127.0.0.1:4331';
const cookie = process.env.COOKIE;
const flags = ['--headless=new','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'];
for (const path of process.argv.slice(2)) {
  const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: flags });
  try {
    const r = await lighthouse(site + path, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance','accessibility','best-practices','seo'], ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}) });
    const lhr = r.lhr;
    const s = Object.fromEntries(Object.entries(lhr.categories).map(([k, v]) => [k, Math.round(v.score * 100)]));
    const failing = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'manual').map((a) => a.id);
    console.log(path, JSON.stringify(s), failing.join(','));
  } finally { chrome.kill(); }
}
