import type { JSX } from 'react';
import { useKiosk } from './hooks.js';
import { selectElderlyMode, selectScreen } from './store/slices/ui/selectors.js';
import type { Screen } from './store/slices/ui/state.js';
import { StatusBar } from './components/StatusBar.js';
import { TopBar } from './components/TopBar.js';
import { AttractScreen } from './screens/AttractScreen.js';
import { HelpScreen } from './screens/HelpScreen.js';
import { CitizenHomeScreen } from './screens/CitizenHomeScreen.js';

/** The router: the store's `screen` picks what is shown; nothing else navigates. */
const screens: Record<Screen, () => JSX.Element | null> = {
  attract: AttractScreen,
  help: HelpScreen,
  'citizen-home': CitizenHomeScreen,
};

export function App() {
  const screen = useKiosk(selectScreen);
  const elderly = useKiosk(selectElderlyMode);
  const Current = screens[screen];
  return (
    <div className={`kiosk ${elderly ? 'elderly' : ''}`} data-screen={screen}>
      <TopBar />
      <Current />
      <StatusBar />
    </div>
  );
}
