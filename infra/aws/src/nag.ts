/**
 * cdk-nag AwsSolutions checks and every acknowledgement, each with its reason.
 * Findings are fixed where the fix is cheap and sound; what remains is listed here and in
 * docs/decisions/0302-cdk-nag-acknowledgements.md. Suppressions attach by construct type
 * (not by path), so they follow the constructs into both entry points (cdk app and sst.config.ts).
 */
import { type App, Aspects, Stack } from 'aws-cdk-lib';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, NagSuppressions } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { lambdaRuntime } from './bundling.ts';
import { acknowledgeTill } from './nag-till.ts';
import { Api } from './stacks/api.ts';
import { ApiRoutes } from './stacks/api-routes.ts';
import { Data } from './stacks/data.ts';
import { Identity } from './stacks/identity.ts';
import { Site } from './stacks/site.ts';
import { Till } from './stacks/till.ts';

const RUNTIME_REASON =
  `${lambdaRuntime.name} is the platform's one Node version (decision 0322: engines, CI and Lambda agree on 22, ` +
  'supported until 2027-04). Newer runtimes are adopted deliberately, not by lint.';

/** `<table arn>/index/*`, whether the ARN is a same-stack GetAtt or a cross-stack import. */
const TABLE_INDEX_WILDCARD = {
  regex: '/^Resource::(<.*Table[^>]*\\.Arn>|.*:ExportsOutputFnGetAtt.*Table.*Arn.*)\\/index\\/\\*$/g',
};

const INDEX_REASON =
  'Queries on the global secondary indexes (GSI1..GSI3 from packages/db) need `<table arn>/index/*`; ' +
  'the wildcard is confined to this one table, granted by grantReadData/grantReadWriteData.';

/** Acknowledgements for the chophien constructs under `scope` (call after they exist). */
export function acknowledgeFindings(scope: IConstruct): void {
  for (const node of scope.node.findAll()) {
    if (node instanceof Api) acknowledgeFunctions(node.scheduledFunctions.values());
    if (node instanceof ApiRoutes) acknowledgeApiRoutes(node);
    else if (node instanceof Identity) acknowledgeIdentity(node);
    else if (node instanceof Site) acknowledgeSite(node);
    else if (node instanceof Till) acknowledgeTill(node);
    else if (node instanceof Data) acknowledgeData(node);
    else if (node instanceof Queue && node.node.id.endsWith('DeadLetters')) {
      NagSuppressions.addResourceSuppressions(node, [
        { id: 'AwsSolutions-SQS3', reason: DEAD_LETTERS_REASON },
      ]);
    }
  }
}

const SIGNING_KEY_ROTATION_REASON =
  'An HMAC key whose output is printed (serial tokens and PINs on labels, check codes on stall standees) ' +
  'cannot rotate automatically: every printed item would turn "not genuine". Rotation is a planned reprint.';

function acknowledgeData(data: Data): void {
  for (const secret of [data.traceSigningSecret, data.stallCodeSecret]) {
    NagSuppressions.addResourceSuppressions(secret, [
      { id: 'AwsSolutions-SMG4', reason: SIGNING_KEY_ROTATION_REASON },
    ]);
  }
  NagSuppressions.addResourceSuppressions(data.alertsSecret, [
    {
      id: 'AwsSolutions-SMG4',
      reason:
        'A VAPID key pair is tied to every browser push subscription and a Zalo token to the Official Account: ' +
        'rotating either is an operator task (new subscriptions, a new token), not a Lambda rotation.',
    },
  ]);
  NagSuppressions.addResourceSuppressions(data.photosBucket, [
    {
      id: 'AwsSolutions-S1',
      reason:
        'Reads of photos go through CloudFront, whose standard logs record them; writes are presigned uploads ' +
        'issued by API calls that are logged. S3 server access logs would duplicate both.',
    },
  ]);
}

/** The photos capability: grantReadWrite on the one bucket (object wildcards within it). */
const PHOTOS_WILDCARDS = [
  { regex: '/^Action::s3:(GetObject|GetBucket|List|DeleteObject|Abort|PutObject)\\*$/g' },
  { regex: '/^Resource::(<.*Photos[^>]*\\.Arn>|.*ExportsOutput.*Photos.*Arn.*)\\/\\*$/g' },
];
const PHOTOS_REASON =
  'Capability `photos` (route `uses`): presigned uploads, reading staged uploads, writing renditions and deleting ' +
  'removed photos, on objects of the one photos bucket only (grantReadWrite).';
const PHOTO_UPLOADS_WILDCARD = {
  regex: '/^Resource::(<.*Photos[^>]*\\.Arn>|.*ExportsOutput.*Photos.*Arn.*)\\/uploads\\/\\*$/g',
};
const PHOTO_UPLOADS_REASON =
  'Capability `photoUploads`: presigned PutObject of staged uploads, whose keys are minted per request, under ' +
  'uploads/ of the one photos bucket only (nothing to read, list or delete).';
const DEAD_LETTERS_REASON =
  'This queue is itself a dead-letter queue (src/operations.ts): what lands here is kept 14 days and alarms.';
const CHANNEL_SECRETS_WILDCARD = {
  regex: '/^Resource::arn:<AWS::Partition>:secretsmanager:.*:secret:chophien\\/bank-channels\\/.*\\/\\*$/g',
};
const CHANNEL_SECRETS_REASON =
  'Capabilities `channelSecretsRead`/`channelSecretsWrite`: one secret per bank channel, created at run time ' +
  '(account changes), so only the stage prefix chophien/bank-channels/<stage>/ can be named (decision 0701).';

function acknowledgeApiRoutes(api: ApiRoutes): void {
  for (const route of api.publicRoutes) {
    NagSuppressions.addResourceSuppressions(route, [
      {
        id: 'AwsSolutions-APIG4',
        reason: `${route.node.id}: declared auth 'public' in functions/routes.ts (readable without signing in).`,
      },
    ]);
  }
  acknowledgeFunctions(api.functions.values());
}

function acknowledgeFunctions(functions: Iterable<NodejsFunction>): void {
  for (const fn of functions) {
    NagSuppressions.addResourceSuppressions(fn, [{ id: 'AwsSolutions-L1', reason: RUNTIME_REASON }]);
    NagSuppressions.addResourceSuppressions(
      fn.role!,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason: INDEX_REASON,
          appliesTo: [TABLE_INDEX_WILDCARD],
        },
        { id: 'AwsSolutions-IAM5', reason: PHOTOS_REASON, appliesTo: PHOTOS_WILDCARDS },
        { id: 'AwsSolutions-IAM5', reason: PHOTO_UPLOADS_REASON, appliesTo: [PHOTO_UPLOADS_WILDCARD] },
        { id: 'AwsSolutions-IAM5', reason: CHANNEL_SECRETS_REASON, appliesTo: [CHANNEL_SECRETS_WILDCARD] },
      ],
      true,
    );
  }
}

function acknowledgeIdentity(identity: Identity): void {
  NagSuppressions.addResourceSuppressions(identity.postConfirmation, [
    { id: 'AwsSolutions-L1', reason: RUNTIME_REASON },
  ]);
  NagSuppressions.addResourceSuppressions(identity.userPool, [
    {
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is OPTIONAL (SMS or TOTP). Required MFA would lock out buyers and farmers on basic phones; ' +
        'the phone number itself is verified at sign-up and is the sign-in alias.',
    },
    {
      id: 'AwsSolutions-COG3',
      reason:
        'Threat protection (AdvancedSecurityMode ENFORCED) needs the Cognito Plus plan, billed per MAU; ' +
        'the Essentials plan is chosen for a provincial platform. Revisit with sign-in abuse data.',
    },
  ]);
  NagSuppressions.addResourceSuppressions(
    identity.userPool,
    [
      {
        id: 'AwsSolutions-IAM5',
        reason:
          "Cognito's SMS role (verification codes) needs sns:Publish on '*': SMS to phone numbers has no ARN. " +
          'The role trusts only cognito-idp with this pool as external id.',
        appliesTo: ['Resource::*'],
      },
    ],
    true,
  );
}

function acknowledgeSite(site: Site): void {
  NagSuppressions.addResourceSuppressions(site.server, [{ id: 'AwsSolutions-L1', reason: RUNTIME_REASON }]);
  NagSuppressions.addResourceSuppressions(
    site.server.role!,
    [
      {
        id: 'AwsSolutions-IAM5',
        reason: INDEX_REASON,
        appliesTo: [TABLE_INDEX_WILDCARD],
      },
      {
        id: 'AwsSolutions-IAM5',
        reason: `The storefront's no-JS photo page: ${PHOTOS_REASON}`,
        appliesTo: PHOTOS_WILDCARDS,
      },
    ],
    true,
  );
  NagSuppressions.addResourceSuppressions(site.originSecret, [
    {
      id: 'AwsSolutions-SMG4',
      reason:
        'The origin secret is copied into the distribution at deploy time (dynamic reference); an automatic ' +
        'rotation would lock CloudFront out until the next site deploy. Rotate by redeploying the site stack.',
    },
  ]);
  NagSuppressions.addResourceSuppressions(site.logBucket, [
    {
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop.',
    },
  ]);
  NagSuppressions.addResourceSuppressions(site.distribution, [
    {
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: buyers include Vietnamese abroad ordering for family at home; the catalogue is public.',
    },
    {
      id: 'AwsSolutions-CFR2',
      reason:
        'The web ACL (src/rate-limits.ts, us-east-1 Edge stack) is attached by ARN when CHOPHIEN_WEB_ACL_ARN ' +
        'is set (decision 0904); a first deploy before the Edge stack exists has none, and the app throttles ' +
        '(packages/core/src/limits) and the SMS route throttles still hold.',
    },
    {
      id: 'AwsSolutions-CFR4',
      reason:
        'Served on the default *.cloudfront.net certificate, whose TLS policy CloudFront fixes. With a custom ' +
        'domain the certificate is set with TLSv1.2_2021 minimum.',
    },
  ]);
  // The BucketDeployment provider is a CDK-owned singleton Lambda at the stack root.
  const stack = Stack.of(site);
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
    NagSuppressions.addResourceSuppressions(
      child,
      [
        {
          id: 'AwsSolutions-L1',
          reason: 'CDK-managed BucketDeployment provider; its runtime is pinned by aws-cdk-lib, not by us.',
        },
        {
          id: 'AwsSolutions-IAM4',
          reason: 'CDK-managed BucketDeployment provider role uses AWSLambdaBasicExecutionRole (logs only).',
          appliesTo: [
            'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
          ],
        },
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'CDK-managed BucketDeployment provider: copies from the CDK asset bucket into the assets bucket ' +
            '(object wildcards within those two buckets) and invalidates this distribution ' +
            "(cloudfront:CreateInvalidation has no resource-level scoping beyond '*').",
        },
      ],
      true,
    );
  }
}

/** Adds the AwsSolutions pack to the app and the acknowledgements to its constructs. */
export function applyNag(app: App): void {
  acknowledgeFindings(app);
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
}
