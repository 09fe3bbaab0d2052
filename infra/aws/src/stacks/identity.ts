/**
 * Identity: Cognito user pool with phone-number sign-in (passwordless SMS one-time code through
 * USER_AUTH, used by the storefront's /dang-nhap); one group per platform role.
 * Handlers read roles from the `cognito:groups` claim (packages/http).
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
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface IdentityProps {
  readonly userPoolName?: string;
}

export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`: the JWT issuer. */
  readonly issuer: string;
  readonly jwksUrl: string;

  constructor(scope: Construct, id: string, props: IdentityProps = {}) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      ...(props.userPoolName ? { userPoolName: props.userPoolName } : {}),
      selfSignUpEnabled: true,
      signInAliases: { phone: true },
      autoVerify: { phone: true },
      standardAttributes: { phoneNumber: { required: true, mutable: true } },
      userVerification: { smsMessage: 'Chợ phiên: mã xác minh của bạn là {####}' },
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
    this.userPoolClient = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true, user: true },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    this.issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.jwksUrl = `${this.issuer}/.well-known/jwks.json`;
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
  }
}

export class IdentityStack extends Stack {
  readonly identity: Identity;

  constructor(scope: Construct, id: string, props: StackProps & IdentityProps = {}) {
    super(scope, id, props);
    this.identity = new Identity(this, 'Identity', props);
  }
}
