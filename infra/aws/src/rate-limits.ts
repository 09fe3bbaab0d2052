/**
 * Rate limits the AWS edge enforces before any of our code runs (issue 15 item 9; decision 0904). The
 * application's own throttles (packages/core/src/limits: per phone, per owner, per network, counted in the
 * table) stay the rule of record; these bound what reaches them and what an abuser can cost.
 * - API Gateway: routes that send SMS (`uses: ['sms']` in THE route table) get their own, much lower
 *   route-level throttle than the stage (an HTTP API cannot throttle per client: that is the app's job).
 * - AWS WAF on the storefront's CloudFront distribution: rate-based rules per viewer IP, one tight rule for
 *   the sign-in code form (each POST may send an SMS through Cognito) and one broad rule for everything.
 *   CloudFront web ACLs live in us-east-1, so they sit in their own stack (EdgeStack).
 */
import type { RouteDefinition } from '@chophien/functions/routes';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { CfnStage, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** Requests per second (and burst) for each SMS-sending route, across all callers. */
export const SMS_ROUTE_THROTTLE = { rateLimit: 2, burstLimit: 10 } as const;

/** Route-level throttling on every route of `routes` that sends SMS; the stage default covers the rest. */
export function throttleSmsRoutes(stage: HttpStage, routes: readonly RouteDefinition[]): void {
  // RouteSettings is a JSON map in CloudFormation: CDK passes it through as written (PascalCase keys).
  const settings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
  for (const route of routes) {
    if (!route.uses?.includes('sms')) continue;
    settings[`${route.method} ${route.path}`] = {
      ThrottlingRateLimit: SMS_ROUTE_THROTTLE.rateLimit,
      ThrottlingBurstLimit: SMS_ROUTE_THROTTLE.burstLimit,
    };
  }
  (stage.node.defaultChild as CfnStage).routeSettings = settings;
}

/** WAF's rate windows are counted per viewer IP over `windowSeconds`. */
export const EDGE_RATE_RULES = {
  /** POSTs to the sign-in page (either language): a phone asking for codes, or a flood of them. */
  signInCodes: { limit: 20, windowSeconds: 300 },
  /** Everything else from one address (a market's Wi-Fi is one address: generous). */
  perClient: { limit: 3000, windowSeconds: 300 },
} as const;

const SIGN_IN_PATH = '^(/en)?/dang-nhap/?$';

const TOO_MANY = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Quá nhiều yêu cầu</title>
<p>Có quá nhiều yêu cầu từ mạng của bạn. Vui lòng đợi vài phút rồi thử lại.</p>
<p lang="en">Too many requests from your network. Please wait a few minutes and try again.</p></html>`;

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

const blockWith429: CfnWebACL.RuleActionProperty = {
  block: { customResponse: { responseCode: 429, customResponseBodyKey: 'tooMany' } },
};

/** The storefront's web ACL (scope CLOUDFRONT: must be created in us-east-1). */
export class EdgeFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const signInPath: CfnWebACL.StatementProperty = {
      regexMatchStatement: {
        fieldToMatch: { uriPath: {} },
        regexString: SIGN_IN_PATH,
        textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
      },
    };
    const post: CfnWebACL.StatementProperty = {
      byteMatchStatement: {
        fieldToMatch: { method: {} },
        positionalConstraint: 'EXACTLY',
        searchString: 'POST',
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    };
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      description: 'chophien storefront: per-IP rate limits (sign-in codes, everything)',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      customResponseBodies: { tooMany: { contentType: 'TEXT_HTML', content: TOO_MANY } },
      visibilityConfig: visibility('chophien-edge'),
      rules: [
        {
          name: 'SignInCodesPerIp',
          priority: 0,
          action: blockWith429,
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: EDGE_RATE_RULES.signInCodes.limit,
              evaluationWindowSec: EDGE_RATE_RULES.signInCodes.windowSeconds,
              scopeDownStatement: { andStatement: { statements: [post, signInPath] } },
            },
          },
          visibilityConfig: visibility('chophien-signin-codes'),
        },
        {
          name: 'RequestsPerIp',
          priority: 1,
          action: blockWith429,
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: EDGE_RATE_RULES.perClient.limit,
              evaluationWindowSec: EDGE_RATE_RULES.perClient.windowSeconds,
            },
          },
          visibilityConfig: visibility('chophien-per-ip'),
        },
      ],
    });
  }
}

/**
 * us-east-1 stack holding the storefront's web ACL. Its ARN (output `WebAclArn`) is given to the site
 * stack as CHOPHIEN_WEB_ACL_ARN, like the us-east-1 certificate's ARN: deploy this stack first.
 */
export class EdgeStack extends Stack {
  readonly firewall: EdgeFirewall;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    this.firewall = new EdgeFirewall(this, 'Firewall');
    new CfnOutput(this, 'WebAclArn', { value: this.firewall.webAcl.attrArn });
  }
}
