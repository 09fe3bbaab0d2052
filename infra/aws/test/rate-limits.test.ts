import { type RouteDefinition, routes } from '@chophien/functions/routes';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { HttpApi, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { EDGE_RATE_RULES, EdgeStack, SMS_ROUTE_THROTTLE, throttleSmsRoutes } from '../src/rate-limits.ts';

/** Edge rate limits as synthesized (decision 0904): no Lambda bundling, so these run in well under a second. */

function edgeTemplate() {
  const app = new App({ analyticsReporting: false });
  const stack = new EdgeStack(app, 'Edge', { env: { account: '000000000000', region: 'us-east-1' } });
  Aspects.of(app).add(new AwsSolutionsChecks());
  app.synth();
  return { stack, template: Template.fromStack(stack) };
}

describe('AWS WAF on the storefront (CloudFront web ACL, us-east-1)', () => {
  it('blocks a viewer IP past 20 sign-in code posts in 5 minutes, and past 3000 requests, with a bilingual 429', () => {
    const { template } = edgeTemplate();
    template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      CustomResponseBodies: {
        tooMany: { ContentType: 'TEXT_HTML', Content: Match.stringLikeRegexp('Quá nhiều yêu cầu') },
      },
      Rules: [
        {
          Name: 'SignInCodesPerIp',
          Action: { Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'tooMany' } } },
          Statement: {
            RateBasedStatement: {
              AggregateKeyType: 'IP',
              Limit: EDGE_RATE_RULES.signInCodes.limit,
              EvaluationWindowSec: 300,
              ScopeDownStatement: {
                AndStatement: {
                  Statements: [
                    {
                      ByteMatchStatement: Match.objectLike({
                        SearchString: 'POST',
                        FieldToMatch: { Method: {} },
                      }),
                    },
                    {
                      RegexMatchStatement: Match.objectLike({
                        FieldToMatch: { UriPath: {} },
                        RegexString: '^(/en)?/dang-nhap/?$',
                      }),
                    },
                  ],
                },
              },
            },
          },
        },
        {
          Name: 'RequestsPerIp',
          Action: { Block: Match.anyValue() },
          Statement: {
            RateBasedStatement: { AggregateKeyType: 'IP', Limit: EDGE_RATE_RULES.perClient.limit },
          },
        },
      ],
    });
    template.hasOutput('WebAclArn', {});
  });

  it('the sign-in rule matches both languages of the page and nothing else', () => {
    const rule = /^(\/en)?\/dang-nhap\/?$/;
    for (const path of ['/dang-nhap', '/dang-nhap/', '/en/dang-nhap']) expect(rule.test(path)).toBe(true);
    for (const path of ['/dang-nhapx', '/x/dang-nhap', '/dang-xuat']) expect(rule.test(path)).toBe(false);
  });

  it('passes cdk-nag with nothing to acknowledge', () => {
    const { stack } = edgeTemplate();
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    expect(annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
  });
});

describe('API Gateway: routes that send SMS get their own throttle', () => {
  it('every route of THE route table declaring `sms`, and only those, is limited below the stage', () => {
    const stack = new Stack(new App(), 'T');
    const httpApi = new HttpApi(stack, 'Api', { createDefaultStage: false });
    const stage = new HttpStage(stack, 'Stage', {
      httpApi,
      stageName: '$default',
      throttle: { rateLimit: 200, burstLimit: 400 },
    });
    throttleSmsRoutes(stage, routes);
    const sms = (routes as readonly RouteDefinition[]).filter((route) => route.uses?.includes('sms'));
    expect(sms.map((route) => route.path)).toEqual(
      expect.arrayContaining(['/vendor/payment-account/changes', '/seller/payout-account/changes']),
    );
    const [stageResource] = Object.values(
      Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Stage'),
    );
    const settings = stageResource?.Properties?.RouteSettings as Record<string, unknown>;
    expect(Object.keys(settings).sort()).toEqual(sms.map((route) => `${route.method} ${route.path}`).sort());
    for (const value of Object.values(settings))
      expect(value).toEqual({
        ThrottlingRateLimit: SMS_ROUTE_THROTTLE.rateLimit,
        ThrottlingBurstLimit: SMS_ROUTE_THROTTLE.burstLimit,
      });
  });
});
