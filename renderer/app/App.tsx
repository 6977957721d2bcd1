// The window: title bar on top, navigation on the left, the current screen beside it.
import { ChatScreen } from '../features/chat/ChatScreen';
import { CompareScreen } from '../features/compare/CompareScreen';
import { ConfigScreen } from '../features/config/ConfigScreen';
import { ConnectionScreen } from '../features/connection/ConnectionScreen';
import { ModelsScreen } from '../features/models/ModelsScreen';
import { useNavigationStore } from '../stores/navigation-store';
import { NavBar } from './NavBar';
import { TitleBar } from './TitleBar';

export function App() {
  const screen = useNavigationStore((s) => s.screen);
  return (
    <div className="app-frame">
      <TitleBar />
      <div className="app-body">
        <NavBar />
        <main className="screen" data-screen={screen}>
          {screen === 'connection' && <ConnectionScreen />}
          {screen === 'models' && <ModelsScreen />}
          {screen === 'config' && <ConfigScreen />}
          {screen === 'chat' && <ChatScreen />}
          {screen === 'compare' && <CompareScreen />}
        </main>
      </div>
    </div>
  );
}
