import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Link, Route, Switch } from 'wouter';
import { KeysPage } from '../pages/Keys';
import { fakeMarketplace, renderInConsole } from '../pods/testSupport';

const SECRET = 'assay_key_07mjzg14h7ef0kybn4e6qqv327_USzbDff9JelCd8mbKuG5cN48qn8recgmuzsoQ81MP31';
const owner = {
  id: 'key_owner',
  name: 'Owner key',
  role: 'owner',
  scopes: ['read', 'pods', 'hosts', 'billing'],
  prefix: 'assay_key_owner_Hg0s…',
  created_at: '2026-11-26T17:19:13.149Z',
};
const ci = { ...owner, id: 'key_07mjzg14h7ef0kybn4e6qqv327', name: 'ci', role: 'viewer', scopes: ['read'], prefix: 'assay_key_07mj_USzb…' };

function renderKeys(routes: Parameters<typeof fakeMarketplace>[0]) {
  const market = fakeMarketplace(routes);
  vi.stubGlobal('fetch', market.fetch);
  renderInConsole(
    <>
      <Link href="/elsewhere">Elsewhere</Link>
      <Link href="/keys">Keys</Link>
      <Switch>
        <Route path="/keys" component={KeysPage} />
        <Route>elsewhere</Route>
      </Switch>
    </>,
    { path: '/keys' },
  );
  return market;
}

afterEach(() => vi.unstubAllGlobals());

describe('API keys', () => {
  it('creates a key and shows it once: never in the list, gone after Done or leaving the page', async () => {
    let listed = [owner];
    const market = renderKeys({
      'GET /v1/api-keys': () => ({ body: { items: listed } }),
      'POST /v1/api-keys': () => {
        listed = [ci, owner];
        return { status: 201, body: { ...ci, key: SECRET } };
      },
    });
    await screen.findByRole('table', { name: 'API keys' });
    fireEvent.change(screen.getByLabelText('Key name'), { target: { value: 'ci' } });
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'viewer' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'pods' })); // leaves read only
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));

    expect(await screen.findByLabelText('the new key')).toHaveTextContent(SECRET);
    expect(market.calls('POST', '/v1/api-keys')[0].body).toEqual({ name: 'ci', scopes: ['read'], role: 'viewer' });
    const table = screen.getByRole('table', { name: 'API keys' });
    await within(table).findByText('ci');
    expect(table).not.toHaveTextContent(SECRET);

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByText(SECRET)).not.toBeInTheDocument();

    // Created again, then the page is left and opened again: the key is not shown.
    fireEvent.change(screen.getByLabelText('Key name'), { target: { value: 'ci' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    await screen.findByLabelText('the new key');
    fireEvent.click(screen.getByRole('link', { name: 'Elsewhere' }));
    fireEvent.click(screen.getByRole('link', { name: 'Keys' }));
    await screen.findByRole('table', { name: 'API keys' });
    expect(screen.queryByText(SECRET)).not.toBeInTheDocument();
  });

  it('shows why a key was refused', async () => {
    renderKeys({
      'GET /v1/api-keys': { body: { items: [owner] } },
      'POST /v1/api-keys': { status: 403, body: { detail: "a new key's scopes must be among this key's (read); not pods" } },
    });
    await screen.findByRole('table', { name: 'API keys' });
    fireEvent.change(screen.getByLabelText('Key name'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    expect(await screen.findByRole('alert')).toHaveTextContent("a new key's scopes must be among this key's (read); not pods");
  });

  it('revokes a key after confirming, with DELETE /v1/api-keys/{id}', async () => {
    const market = renderKeys({
      'GET /v1/api-keys': { body: { items: [ci, owner] } },
      [`DELETE /v1/api-keys/${ci.id}`]: { status: 204 },
    });
    const table = await screen.findByRole('table', { name: 'API keys' });
    const row = within(table).getByText('ci').closest('tr') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Revoke ci?' })).getByRole('button', { name: 'Yes, revoke ci' }));
    await waitFor(() => expect(market.calls('DELETE', `/v1/api-keys/${ci.id}`)).toHaveLength(1));
  });
});
