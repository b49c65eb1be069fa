// The marketplace's REST API as the e2e flows need it from Node: what a renter cannot do in the console
// (the operator credits an organisation) and what a flow checks the page against (an offer's GPU name).
import { randomUUID } from 'node:crypto';

export class Marketplace {
  constructor(baseUrl, operatorKey) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.operatorKey = operatorKey;
  }

  async call(path, key, { method = 'GET', body } = {}) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        Authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    }
    return text ? JSON.parse(text) : undefined;
  }

  /** Credits the organisation that owns `apiKey` with `dollars` (a decimal string) of operator funding. */
  async credit(apiKey, dollars) {
    if (!this.operatorKey) {
      throw new Error('OPERATOR_KEY is not set: the renter flow needs it to credit its organisation');
    }
    const me = await this.call('/v1/orgs/me', apiKey);
    return this.call('/v1/billing/credits', this.operatorKey, {
      method: 'POST',
      body: { org_id: me.organisation.id, amount: dollars, reference: `e2e-${randomUUID()}` },
    });
  }

  /** One offer as GET /v1/offers/{id} answers it (the offer, its score explanation, health...). */
  async offer(apiKey, offerId) {
    return (await this.call(`/v1/offers/${encodeURIComponent(offerId)}`, apiKey)).offer;
  }
}
