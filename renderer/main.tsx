/** Renderer entry: connect to the engine (preload bridge or WebSocket), then show the app. */
import './zod-config';
import 'ag-grid-community/styles/ag-grid.css';
import 'ag-grid-community/styles/ag-theme-quartz.css';
import './styles.css';
import { createRoot } from 'react-dom/client';
import { connectClient } from './api/client';
import { App } from './app';
import { applyPalette } from './palette';

applyPalette();

const root = createRoot(document.getElementById('root')!);

connectClient()
  .then(async (client) => {
    const host = await client.getHostInfo();
    root.render(<App client={client} host={host} />);
  })
  .catch((error: unknown) => {
    root.render(
      <div className="empty-state" role="alert">
        <h1>Logsift could not reach its engine</h1>
        <p>{error instanceof Error ? error.message : String(error)}</p>
      </div>,
    );
  });
