import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createKioskClient } from '../electron/common/rpc.js';
import { selectTransport } from './transport/select-transport.js';
import { connectionEventsOf, connectStore, createKioskUiStore } from './store/index.js';
import { StoreContext } from './hooks.js';
import { App } from './app.js';
import './styles.css';
// After the base styles: the display layouts override them by size and orientation.
import './layouts.css';
// Last: the focus ring wins over every layout's button styles.
import './focus-ring.css';

const rootElement = document.getElementById('root')!;
try {
  const { transport } = selectTransport(window);
  const client = createKioskClient(transport);
  const store = createKioskUiStore(client);
  createRoot(rootElement).render(
    <StrictMode>
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>
    </StrictMode>,
  );
  void connectStore(store, client, connectionEventsOf(transport));
} catch (err) {
  rootElement.textContent = `暂停服务，请联系工作人员。(${(err as Error).message})`;
}
