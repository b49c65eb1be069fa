import { render, screen } from '@testing-library/react';
import { App } from './App';
import { fetchVersion } from './api';

describe('the first page', () => {
  it('shows the marketplace version it got from the API', async () => {
    render(
      <App loadVersion={async () => ({ name: 'assay-marketplace', version: '9.8.7', contract: 'assay.agent.v1', profile: 'embedded' })} />,
    );
    expect(await screen.findByTestId('version')).toHaveTextContent('assay-marketplace 9.8.7 · contract assay.agent.v1 · embedded');
  });

  it('says so when the marketplace cannot be reached', async () => {
    render(<App loadVersion={() => Promise.reject(new Error('connection refused'))} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Marketplace unreachable: Error: connection refused');
  });
});

describe('fetchVersion', () => {
  it('turns an error status into an ApiError instead of parsing the body', async () => {
    const failing = (async () => new Response('oops', { status: 503 })) as typeof fetch;
    await expect(fetchVersion(failing)).rejects.toThrow('the marketplace answered 503');
  });
});
