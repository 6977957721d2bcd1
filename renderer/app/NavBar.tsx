import { useNavigationStore, type Screen } from '../stores/navigation-store';
import { ScreenIcon } from './icons';

const ITEMS: Array<{ screen: Screen; label: string }> = [
  { screen: 'connection', label: 'Connection' },
  { screen: 'models', label: 'Models' },
  { screen: 'config', label: 'Config' },
  { screen: 'chat', label: 'Chat' },
  { screen: 'compare', label: 'Compare' },
];

export function NavBar() {
  const screen = useNavigationStore((s) => s.screen);
  const go = useNavigationStore((s) => s.go);
  return (
    <nav className="nav-bar" aria-label="Screens">
      {ITEMS.map((item) => (
        <button
          key={item.screen}
          type="button"
          className={item.screen === screen ? 'nav-item is-active' : 'nav-item'}
          aria-current={item.screen === screen ? 'page' : undefined}
          data-testid={`nav-${item.screen}`}
          onClick={() => go(item.screen)}
        >
          <ScreenIcon screen={item.screen} />
          {item.label}
        </button>
      ))}
    </nav>
  );
}
