/**
 * Site: the Astro storefront. Static files in a private S3 bucket (CloudFront origin access
 * control), server-rendered pages on a Lambda function URL (CloudFront OAC for Lambda, IAM auth),
 * one CloudFront distribution in front of both. The build comes from src/site-build.ts.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AllowedMethods,
  type BehaviorOptions,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { FunctionUrlOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { FunctionUrlAuthType, LoggingFormat } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { lambdaArchitecture, lambdaBundling, lambdaRuntime } from '../bundling.ts';
import type { SiteBuild } from '../site-build.ts';
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
  readonly identity?: Pick<Identity, 'issuer' | 'jwksUrl' | 'userPoolClient'>;
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}

export class Site extends Construct {
  readonly bucket: Bucket;
  /** CloudFront standard logs and S3 server access logs (SSE-S3, ACLs for the log delivery). */
  readonly logBucket: Bucket;
  readonly server: NodejsFunction;
  readonly distribution: Distribution;
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
    const role = new Role(this, 'ServerRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'chophien storefront SSR: logs + table read',
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
        ...(props.identity && {
          COGNITO_CLIENT_ID: props.identity.userPoolClient.userPoolClientId,
          COGNITO_REGION: Stack.of(props.identity.userPoolClient).region,
          AUTH_ISSUER: props.identity.issuer,
          AUTH_JWKS_URL: props.identity.jwksUrl,
          AUTH_AUDIENCE: props.identity.userPoolClient.userPoolClientId,
        }),
      },
      bundling: {
        ...lambdaBundling,
        // The astro image service loads sharp only when an image is transformed; none is shipped.
        externalModules: ['sharp'],
        // astro's server chunks keep bare `import 'es-module-lexer'` lines esbuild drops (harmless).
        logLevel: LogLevel.ERROR,
        // The server bundle is a function of the storefront build (itself keyed by its sources).
        assetHash: createHash('sha256')
          .update(JSON.stringify(lambdaBundling))
          .update(build.sourceHash)
          .digest('hex'),
      },
      description: 'chophien storefront server (Astro SSR, astro-sst)',
    });
    props.table.grantReadData(this.server);
    new Alarm(this, 'ServerErrorsAlarm', {
      alarmDescription: 'chophien storefront server: function errors',
      metric: this.server.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const serverUrl = this.server.addFunctionUrl({ authType: FunctionUrlAuthType.AWS_IAM });

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

    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'chophien storefront',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_200, // includes edge locations in Viet Nam
      defaultBehavior: {
        origin: FunctionUrlOrigin.withOriginAccessControl(serverUrl),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        // Lambda OAC signs requests; POST/PUT bodies would need a client-side SHA-256, so the
        // storefront is read-only here and mutations go to the HTTP API.
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachePolicy: ssrCachePolicy,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        compress: true,
      },
      additionalBehaviors,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
    });
    this.url = `https://${this.distribution.distributionDomainName}`;

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
