/**
 * Site: the brand's one CloudFront distribution (docs/decisions/0303-aws-runtime-configuration.md).
 * - Server-rendered pages (all methods: forms post to the storefront) from a Lambda function URL.
 *   Browsers cannot sign POST bodies for Lambda OAC, so the URL has auth NONE and the storefront
 *   answers only requests carrying the origin secret CloudFront adds (checked in site/src/middleware.ts).
 *   A CloudFront Function passes the viewer's host on as X-Forwarded-Host (Astro's origin check).
 * - The GS1 resolver (`/01/*`, `/l/*`), `/epcis/*` and `/open-data/*` from the HTTP API, never cached:
 *   every scan is logged.
 * - Listing photos (`/photos/*`) and static files from private buckets (origin access control).
 * The build comes from src/site-build.ts.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Annotations, CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  type BehaviorOptions,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { FunctionUrlOrigin, HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  FunctionUrlAuthType,
  LoggingFormat,
  ParamsAndSecretsLayerVersion,
  ParamsAndSecretsVersions,
} from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { lambdaArchitecture, lambdaBundling, lambdaRuntime } from '../bundling.ts';
import { identityAdminActions, parameterArn } from '../capabilities.ts';
import { sharpLayer } from '../native-layers.ts';
import type { SiteAddress } from '../site-address.ts';
import type { SiteBuild } from '../site-build.ts';
import { grantTableAccess } from '../table-access.ts';
import { PHOTO_PUBLIC_PREFIX } from './data.ts';
import type { Identity } from './identity.ts';

export interface SiteProps {
  readonly repoRoot: string;
  readonly build: SiteBuild;
  readonly table: ITableV2;
  /** Base URL of the HTTP API, for browser calls (cart, checkout, payment feed). */
  readonly apiUrl: string;
  /** `wss://…` of the live till's WebSocket API (stacks/till.ts); /quay-thu connects there when set. */
  readonly tillWsUrl?: string;
  /** Cognito for the phone sign-in pages and for reading the `cp_token` cookie. */
  readonly identity?: Pick<Identity, 'issuer' | 'jwksUrl' | 'userPoolClient' | 'userPool'>;
  /** The brand domain, or the SSM parameter this stack publishes its URL in (src/site-address.ts). */
  readonly siteAddress: SiteAddress;
  /** The us-east-1 web ACL with the edge rate rules (src/rate-limits.ts, EdgeStack), by ARN. */
  readonly webAclArn?: string;
  /** The trace pages verify serial tokens and PINs with it (decision 0501). */
  readonly traceSigningSecret: ISecret;
  /** Listing photos (stacks/data.ts): served at `/photos/*`, written by the no-JS photo page. */
  readonly photosBucket: IBucket;
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /**
   * Names the account-wide CloudFront resources (cache and origin request policies, the function):
   * their names are unique per account, so two stages in one account need their own.
   */
  readonly stage: string;
}

/** The header CloudFront adds to every storefront request; site/src/middleware.ts checks it. */
export const ORIGIN_VERIFY_HEADER = 'x-chophien-origin-verify';

/** Paths the HTTP API answers on the brand domain (functions/trace/routes.ts, functions/markets/routes.ts). */
export const API_PATHS_ON_SITE = ['01/*', 'l/*', 'epcis/*', 'open-data/*'] as const;

/** Viewer request: the viewer's Host, which CloudFront replaces with the function URL's, travels on. */
const FORWARD_HOST_CODE = `function handler(event) {
  var request = event.request;
  if (request.headers.host) request.headers['x-forwarded-host'] = { value: request.headers.host.value };
  return request;
}`;

export class Site extends Construct {
  readonly bucket: Bucket;
  /** CloudFront standard logs and S3 server access logs (SSE-S3, ACLs for the log delivery). */
  readonly logBucket: Bucket;
  readonly server: NodejsFunction;
  readonly distribution: Distribution;
  /** The value CloudFront sends in ORIGIN_VERIFY_HEADER; generated, never in code. */
  readonly originSecret: Secret;
  /** The SSM parameter holding the site URL when no custom domain is configured. */
  readonly siteUrlParameter?: StringParameter;
  readonly url: string;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    const { build } = props;

    this.logBucket = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with an ACL; the bucket must accept object writers.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new Bucket(this, 'Assets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3-assets/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const logGroup = new LogGroup(this, 'ServerLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.originSecret = new Secret(this, 'OriginVerifySecret', {
      description: `chophien: value of ${ORIGIN_VERIFY_HEADER}, added by CloudFront, required by the storefront`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
    });
    const address = props.siteAddress;
    // The site cannot reference its own distribution's domain (the distribution depends on the
    // function); without a custom domain it reads the published parameter at cold start.
    const siteUrlEnv: Record<string, string> =
      address.kind === 'domain'
        ? { SITE_URL: address.url, PHOTOS_PUBLIC_URL: address.url }
        : { SITE_URL_PARAMETER: address.parameterName, PHOTOS_PUBLIC_URL_PARAMETER: address.parameterName };

    const role = new Role(this, 'ServerRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description:
        'chophien storefront SSR: logs + table read/write (its pages run the same use-cases as the API)',
    });
    logGroup.grantWrite(role);
    this.server = new NodejsFunction(this, 'Server', {
      entry: build.serverEntry,
      handler: 'handler',
      projectRoot: props.repoRoot,
      depsLockFilePath: join(props.repoRoot, 'package-lock.json'),
      runtime: lambdaRuntime,
      architecture: lambdaArchitecture,
      memorySize: 1024,
      timeout: Duration.seconds(15),
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: {
        TABLE_NAME: props.table.tableName,
        API_URL: props.apiUrl,
        ...(props.tillWsUrl ? { TILL_WS_URL: props.tillWsUrl } : {}),
        POWERTOOLS_SERVICE_NAME: 'chophien-site',
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        CHOPHIEN_MODE: 'aws',
        ...siteUrlEnv,
        TRACE_SIGNING_SECRET_ARN: props.traceSigningSecret.secretArn,
        // The no-JS photo page uploads through the server (site/src/features/photos/services.ts).
        PHOTOS_BUCKET: props.photosBucket.bucketName,
        ORIGIN_VERIFY_SECRET_ARN: this.originSecret.secretArn,
        ...(props.identity && {
          COGNITO_CLIENT_ID: props.identity.userPoolClient.userPoolClientId,
          COGNITO_REGION: Stack.of(props.identity.userPoolClient).region,
          AUTH_ISSUER: props.identity.issuer,
          AUTH_JWKS_URL: props.identity.jwksUrl,
          AUTH_AUDIENCE: props.identity.userPoolClient.userPoolClientId,
          // The province console (/quan-tri) invites people and mirrors their roles (decision 0800).
          USER_POOL_ID: props.identity.userPool.userPoolId,
        }),
      },
      // The no-JS photo form decodes and resizes uploads in this function (sharp, from its layer).
      layers: [sharpLayer(this, props.repoRoot)],
      bundling: {
        ...lambdaBundling,
        // sharp is native: never bundled, required from the layer (src/native-layers.ts).
        externalModules: ['sharp'],
        // astro's server chunks keep bare `import 'es-module-lexer'` lines esbuild drops (harmless).
        logLevel: LogLevel.ERROR,
        // The producer desk renders PDF label sheets in this function; the font loader looks for
        // DejaVuSans.ttf beside the bundle (packages/core/src/trace/label-font.ts), since vite has
        // already bundled the storefront and esbuild's .ttf loader never sees the import.
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir: string, outputDir: string) => [
            `cp "${join(props.repoRoot, 'node_modules', 'dejavu-fonts-ttf', 'ttf', 'DejaVuSans.ttf')}" "${outputDir}/DejaVuSans.ttf"`,
          ],
        },
        // The server bundle is a function of the storefront build (itself keyed by its sources).
        assetHash: createHash('sha256')
          .update(JSON.stringify(lambdaBundling))
          .update(build.sourceHash)
          .digest('hex'),
      },
      ...(address.kind === 'published' && {
        paramsAndSecrets: ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, {
          cacheEnabled: false,
        }),
      }),
      description: 'chophien storefront server (Astro SSR, astro-sst)',
    });
    // The storefront is the API's twin adapter over the same use-cases (README, decision 0001): its
    // no-JS pages place orders, log scans, record farm events and sales, so it writes like the API does.
    grantTableAccess(this.server, props.table, 'readwrite');
    props.traceSigningSecret.grantRead(this.server);
    // The trace page sends the producer's clone-warning SMS (decision 0205); SMS has no ARN, topics stay out.
    this.server.addToRolePolicy(
      new PolicyStatement({ actions: ['sns:Publish'], notResources: ['arn:aws:sns:*:*:*'] }),
    );
    props.photosBucket.grantReadWrite(this.server);
    if (props.identity) {
      this.server.addToRolePolicy(
        new PolicyStatement({
          actions: identityAdminActions,
          resources: [props.identity.userPool.userPoolArn],
        }),
      );
    }
    this.originSecret.grantRead(this.server);
    if (address.kind === 'published') {
      this.server.addToRolePolicy(
        new PolicyStatement({
          actions: ['ssm:GetParameter'],
          resources: [parameterArn(this, address.parameterName)],
        }),
      );
    }
    new Alarm(this, 'ServerErrorsAlarm', {
      alarmDescription: 'chophien storefront server: function errors',
      metric: this.server.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    // Auth NONE: Lambda OAC would need browsers to sign POST bodies. The origin secret stands in
    // (site/src/middleware.ts refuses requests without it), so the URL alone serves nothing.
    const serverUrl = this.server.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });

    const staticOrigin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const staticBehavior: BehaviorOptions = {
      origin: staticOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
      compress: true,
    };
    const additionalBehaviors: Record<string, BehaviorOptions> = {
      [`${build.assetsDir}/*`]: staticBehavior,
    };
    for (const entry of build.staticEntries) {
      if (entry === build.assetsDir) continue;
      additionalBehaviors[entry.includes('.') ? entry : `${entry}/*`] = staticBehavior;
    }

    // Pages decide their own caching (Cache-Control from the server; default TTL 0 = not cached).
    // Unlike CACHING_DISABLED, this lets CloudFront gzip/brotli the HTML (the server does not).
    const ssrCachePolicy = new CachePolicy(this, 'SsrCachePolicy', {
      cachePolicyName: `chophien-${props.stage}-ssr`,
      comment: 'chophien SSR: origin Cache-Control decides; compressed; query string in key',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      headerBehavior: CacheHeaderBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    // The resolver, EPCIS and open data on the brand domain. Scans are logged per request, so nothing
    // is cached; the API gets what it reads (query string, Accept for the linkset, User-Agent for the
    // scan's device class), never cookies, and its own Host (API Gateway routes by it).
    const apiRequestPolicy = new OriginRequestPolicy(this, 'ApiOriginRequestPolicy', {
      originRequestPolicyName: `chophien-${props.stage}-api-on-site`,
      comment:
        'chophien API on the site domain: query string, Accept, Accept-Language, User-Agent; no cookies',
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
      headerBehavior: OriginRequestHeaderBehavior.allowList('accept', 'accept-language', 'user-agent'),
      cookieBehavior: OriginRequestCookieBehavior.none(),
    });
    const apiBehavior: BehaviorOptions = {
      origin: new HttpOrigin(Fn.select(2, Fn.split('/', props.apiUrl)), {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: apiRequestPolicy,
      responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
      compress: true,
    };
    for (const path of API_PATHS_ON_SITE) additionalBehaviors[path] = apiBehavior;

    // Photos: an imported reference, so CloudFront does not try to edit the data stack's bucket policy
    // (that policy already lets this account's distributions read `photos/*`, stacks/data.ts).
    const photos = Bucket.fromBucketAttributes(this, 'PhotosBucket', {
      bucketName: props.photosBucket.bucketName,
      bucketArn: props.photosBucket.bucketArn,
      bucketRegionalDomainName: props.photosBucket.bucketRegionalDomainName,
    });
    additionalBehaviors[`${PHOTO_PUBLIC_PREFIX}*`] = {
      origin: S3BucketOrigin.withOriginAccessControl(photos),
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
      compress: true,
    };

    const forwardHost = new EdgeFunction(this, 'ForwardHost', {
      functionName: `chophien-${props.stage}-forward-host`,
      comment: 'chophien: viewer Host to X-Forwarded-Host for the storefront (origin checks, absolute URLs)',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(FORWARD_HOST_CODE),
    });

    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'chophien storefront',
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_200, // includes edge locations in Viet Nam
      ...(address.kind === 'domain' && {
        domainNames: [address.domainName],
        certificate: Certificate.fromCertificateArn(this, 'Certificate', address.certificateArn),
        minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
      defaultBehavior: {
        // CloudFront overwrites a viewer-sent header of the same name, so only it can present the secret.
        origin: new FunctionUrlOrigin(serverUrl, {
          customHeaders: { [ORIGIN_VERIFY_HEADER]: this.originSecret.secretValue.unsafeUnwrap() },
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        // Forms post to the storefront (cart, checkout, sign-in, sell, PIN check).
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: ssrCachePolicy,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        functionAssociations: [{ function: forwardHost, eventType: FunctionEventType.VIEWER_REQUEST }],
        compress: true,
      },
      additionalBehaviors,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
    });
    this.url =
      address.kind === 'domain' ? address.url : `https://${this.distribution.distributionDomainName}`;
    // Acknowledged on purpose: the photos bucket policy is the data stack's (see above).
    Annotations.of(this).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac',
      'stacks/data.ts grants this account distributions read on photos/* in the bucket policy',
    );
    if (address.kind === 'published') {
      this.siteUrlParameter = new StringParameter(this, 'SiteUrlParameter', {
        parameterName: address.parameterName,
        stringValue: this.url,
        description: 'chophien: the storefront URL, read at cold start by functions that need SITE_URL',
      });
    }

    new BucketDeployment(this, 'DeployAssets', {
      sources: [Source.asset(build.clientDir)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      // Keep superseded hashed assets: pages rendered just before a deploy still reference them.
      prune: false,
      memoryLimit: 512,
    });

    new CfnOutput(this, 'SiteUrl', { value: this.url });
    new CfnOutput(this, 'DistributionId', { value: this.distribution.distributionId });
    new CfnOutput(this, 'AssetsBucket', { value: this.bucket.bucketName });
  }
}

export interface SiteStackProps extends StackProps, SiteProps {}

export class SiteStack extends Stack {
  readonly site: Site;

  constructor(scope: Construct, id: string, props: SiteStackProps) {
    super(scope, id, props);
    this.site = new Site(this, 'Site', props);
  }
}
