import { type TillSocketEvent, tillServices } from './till-services.ts';

/** `$disconnect`: the connection item goes (TTL would remove it anyway, two hours later). */
export async function handler(event: TillSocketEvent): Promise<{ statusCode: number }> {
  await tillServices().store.deleteTillConnection(event.requestContext.connectionId);
  return { statusCode: 200 };
}
