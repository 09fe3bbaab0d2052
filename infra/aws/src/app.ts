/** CDK entry (`cdk.json`): `npx cdk synth|deploy` from infra/aws. Works offline, without credentials. */
import { buildPlatform } from './platform.ts';

buildPlatform();
