import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { useConfigStore } from './stores/config-store';
import { useConnectionStore } from './stores/connection-store';
import { useModelsStore } from './stores/models-store';
import { startDefaultModelChoice, startSubscriptions } from './stores/subscriptions';
import './styles/base.css';
import './styles/frame.css';
import './styles/screens.css';
import './styles/chat.css';

// Events first, so nothing sent while the first loads are in flight is missed.
startSubscriptions();
startDefaultModelChoice();
void useConnectionStore.getState().load();
void useModelsStore.getState().load();
void useConfigStore.getState().load();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
