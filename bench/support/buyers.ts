/**
 * A new buyer signed up by phone through the local API's dev sign-in, returning their token. Benchmarks
 * that check out many times use one buyer per unpaid checkout: one buyer may hold only a few unpaid
 * checkouts and place a few an hour (decision 0903), so a reused token would measure refusals.
 */
export async function signUpBuyer(api: string, phone: string): Promise<string> {
  const post = (path: string, payload: unknown) =>
    fetch(`${api}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    }).then((response) => response.json() as Promise<{ devCode?: string; token?: string }>);
  const { devCode } = await post('/dev/otp', { phone });
  const { token } = await post('/dev/otp/verify', { phone, code: devCode });
  if (!token) throw new Error(`bench: no buyer for ${phone}`);
  return token;
}
