/**
 * GS1 area: our single-pass validating Digital Link parser against the npm peer `digital-link.js`
 * (ABNF grammar parse + check digit), on the same URIs, in the same run.
 */
import { createRequire } from 'node:module';
import { parseDigitalLink } from '../../packages/gs1/src/index.ts';
import { type BenchArea, opsPerSecond } from '../contract.ts';

interface PeerDigitalLink {
  isValid(): boolean;
}
// CommonJS package without type declarations; only the two calls below are used.
const peer = createRequire(import.meta.url)('digital-link.js') as {
  DigitalLink: (uri: string) => PeerDigitalLink;
};

// Typical label payloads: GTIN + lot (+ serial), dates, a Vietnamese harvest link, an SSCC.
const URIS = [
  'https://id.gs1.org/01/09520123456788/10/ABC1/21/12345?17=180426',
  'https://trace.chophien.vn/01/08931234567897/10/L2405?7007=240501&422=704',
  'https://id.gs1.org/01/09520123456788/22/2A',
  'https://example.com/01/09520123456788?3103=000195&3922=0299&17=201225',
  'https://id.gs1.org/00/006141411234567890',
  'https://id.gs1.org/01/08931234567897/10/VN-DTOR-0017/21/A%2B1?15=260200',
] as const;

export const area: BenchArea = {
  name: 'gs1',
  floors: {
    'gs1.vsPeerParseRatio': { op: '>=', value: 50 },
  },
  async run(ctx) {
    for (const uri of URIS) {
      if (!parseDigitalLink(uri).ok) throw new Error(`gs1 self-check failed: ${uri}`);
      if (!peer.DigitalLink(uri).isValid()) throw new Error(`peer rejects bench URI: ${uri}`);
    }

    let sink = 0;
    let i = 0;
    const parseOps = opsPerSecond(() => {
      i = i === URIS.length - 1 ? 0 : i + 1;
      sink += parseDigitalLink(URIS[i]!).ok ? 1 : 0;
    });
    let j = 0;
    const peerParseOps = opsPerSecond(() => {
      j = j === URIS.length - 1 ? 0 : j + 1;
      sink += peer.DigitalLink(URIS[j]!).isValid() ? 1 : 0;
    });

    ctx.log(`gs1: parse ${parseOps}/s (digital-link.js ${peerParseOps}/s) [${sink > 0 ? 'ok' : ''}]`);
    return {
      'gs1.parseOpsPerSec': parseOps,
      'gs1.peerParseOpsPerSec': peerParseOps,
      'gs1.vsPeerParseRatio': Math.round((parseOps / peerParseOps) * 10) / 10,
    };
  },
};
