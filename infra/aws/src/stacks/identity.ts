/**
 * Identity: Cognito user pool with phone-number sign-in (passwordless SMS one-time code through
 * USER_AUTH, used by the storefront's /dang-nhap); one group per platform role.
 * Handlers read roles from the `cognito:groups` claim (packages/http).
 * A person who signs up with their phone becomes a buyer through the post-confirmation trigger
 * (functions/identity/post-confirmation.ts): the `buyer` group and a profile item in the table.
 */
import { roles } from '@chophien/core/identity/roles';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  UserPool,
  type UserPoolClient,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type CfnRole, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { handlerFunction } from './api.ts';

export interface IdentityProps {
  readonly userPoolName?: string;
  readonly repoRoot: string;
  /** Where the post-confirmation trigger writes a new buyer's profile (PutItem only). */
  readonly table: ITableV2;
}

export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`: the JWT issuer. */
  readonly issuer: string;
  readonly jwksUrl: string;
  /** Makes a confirmed phone sign-up a buyer (group + profile). */
  readonly postConfirmation: NodejsFunction;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      ...(props.userPoolName ? { userPoolName: props.userPoolName } : {}),
      selfSignUpEnabled: true,
      signInAliases: { phone: true },
      autoVerify: { phone: true },
      standardAttributes: { phoneNumber: { required: true, mutable: true } },
      userVerification: { smsMessage: 'Chợ phiên: mã xác minh của bạn là {####}' },
      // Cognito's other SMS texts default to English: the sign-in code and an invitation, in Vietnamese.
      mfaMessage: 'Chợ phiên: mã đăng nhập của bạn là {####}. Không đưa mã này cho ai.',
      userInvitation: { smsMessage: 'Chợ phiên: tài khoản {username}, mật khẩu tạm {####}.' },
      accountRecovery: AccountRecovery.PHONE_ONLY_WITHOUT_MFA,
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { sms: true, otp: true },
      passwordPolicy: {
        minLength: 10,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Choice-based sign-in (USER_AUTH): the storefront signs people in with a code by SMS, no
      // password (docs/decisions/0403-phone-sign-in.md). Passwords stay allowed: Cognito insists.
      featurePlan: FeaturePlan.ESSENTIALS,
      signInPolicy: { allowedFirstAuthFactors: { password: true, smsOtp: true } },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of roles) {
      new CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: `chophien role ${role}`,
      });
    }
    this.postConfirmation = this.addPostConfirmation(props);
    this.userPoolClient = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true, user: true },
      // The storefront signs in by API (USER_AUTH), never by the hosted UI: no OAuth flows, no callback
      // URLs (CDK's defaults would allow the implicit and code grants back to https://example.com).
      disableOAuth: true,
      // Off, so InitiateAuth says UserNotFoundException and the site signs an unknown number up.
      // Hiding it bought nothing here: SignUp answers UsernameExistsException either way (decision 0403).
      preventUserExistenceErrors: false,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    this.issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.jwksUrl = `${this.issuer}/.well-known/jwks.json`;
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
  }

  /**
   * The post-confirmation trigger, built like every handler (api.ts `handlerFunction`: own log group
   * and role, shared bundling) with no table grant, then exactly: PutItem on the table and
   * AdminAddUserToGroup on this pool. The pool names the function (LambdaConfig) and the function
   * waits for its role's default policy, so the pool's ARN goes in a separate policy: inside the
   * default policy it would close the loop pool → function → policy → pool.
   */
  private addPostConfirmation(props: IdentityProps): NodejsFunction {
    const fn = handlerFunction(this, 'PostConfirmation', {
      repoRoot: props.repoRoot,
      table: props.table,
      environment: {
        TABLE_NAME: props.table.tableName,
        POWERTOOLS_SERVICE_NAME: 'chophien-identity',
        NODE_OPTIONS: '--enable-source-maps',
        CHOPHIEN_MODE: 'aws',
      },
      handler: 'identity/post-confirmation',
      exportName: 'handler',
      data: 'none',
    });
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [props.table.tableArn] }),
    );
    const role = fn.role!;
    (role.node.defaultChild as CfnRole).description =
      'chophien identity/post-confirmation: logs + PutItem on the table + AdminAddUserToGroup on the pool';
    this.userPool.addTrigger(UserPoolOperation.POST_CONFIRMATION, fn);
    new Policy(this, 'PostConfirmationGroups', {
      roles: [role],
      statements: [
        new PolicyStatement({
          actions: ['cognito-idp:AdminAddUserToGroup'],
          resources: [this.userPool.userPoolArn],
        }),
      ],
    });
    return fn;
  }
}

export class IdentityStack extends Stack {
  readonly identity: Identity;

  constructor(scope: Construct, id: string, props: StackProps & IdentityProps) {
    super(scope, id, props);
    this.identity = new Identity(this, 'Identity', props);
  }
}
