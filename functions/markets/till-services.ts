import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import type { TillPost } from '@chophien/core';
import { marketsStore } from '@chophien/db';
import { logger } from '@chophien/http';
import * as z from 'zod';
import { services } from '../shared/services.ts';

/**
 * The live till's WebSocket functions need the table and (for the fan-out) the API's management
 * endpoint only: no channel or stall-code secrets, so they do not go through marketsServices().
 */
const tillEnvSchema = z.object({
  /** `https://<api-id>.execute-api.<region>.amazonaws.com/<stage>` (set by infra/aws/src/stacks/till.ts). */
  TILL_WS_ENDPOINT: z.url().optional(),
});

let built: ReturnType<typeof build> | undefined;

function build() {
  const env = tillEnvSchema.parse(process.env);
  const store = marketsStore(services().db);
  let client: ApiGatewayManagementApiClient | undefined;
  const post: TillPost = async (connectionId, message) => {
    if (!env.TILL_WS_ENDPOINT) throw new Error('TILL_WS_ENDPOINT is not set (the till stack sets it)');
    client ??= new ApiGatewayManagementApiClient({ endpoint: env.TILL_WS_ENDPOINT });
    try {
      await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: message }));
      return 'sent';
    } catch (error) {
      if (
        error instanceof GoneException ||
        (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 410
      )
        return 'gone';
      logger.warn('till post failed', { error: (error as Error).name });
      return 'failed';
    }
  };
  return { store, clock: { now: () => new Date() }, post };
}

export const tillServices = () => {
  built ??= build();
  return built;
};

/** The slice of an API Gateway WebSocket event the till uses (`$connect` carries the query string). */
export interface TillSocketEvent {
  readonly requestContext: { readonly connectionId: string; readonly routeKey?: string };
  readonly queryStringParameters?: Readonly<Record<string, string | undefined>> | null;
}
