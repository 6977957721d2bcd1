// Which screen is showing. A store (not router state) so non-React code, e.g. "Chat with this
// model" from the models list, can navigate.
import { create } from 'zustand';

export type Screen = 'connection' | 'models' | 'config' | 'chat' | 'compare';

interface NavigationState {
  screen: Screen;
  go(screen: Screen): void;
}

export const useNavigationStore = create<NavigationState>()((set) => ({
  screen: 'connection',
  go: (screen) => set({ screen }),
}));
