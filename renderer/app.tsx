import { useRef, type JSX } from 'react';
import { useKiosk } from './hooks.js';
import { selectElderlyMode, selectLocale, selectScreen } from './store/slices/ui/selectors.js';
import type { Screen } from './store/slices/ui/state.js';
import { StatusBar } from './components/StatusBar.js';
import { TopBar } from './components/TopBar.js';
import { NoticeBanner } from './components/NoticeBanner.js';
import { IdleWatcher } from './components/IdleWatcher.js';
import { VoicePlayer } from './components/VoicePlayer.js';
import { useScreenFocus } from './components/use-screen-focus.js';
import { selectIdleWarning } from './store/slices/idle/selectors.js';
import { AttractScreen } from './screens/AttractScreen.js';
import { HelpScreen } from './screens/HelpScreen.js';
import { CitizenHomeScreen } from './screens/CitizenHomeScreen.js';
import { TicketScreen } from './screens/TicketScreen.js';
import { CategoriesScreen } from './screens/CategoriesScreen.js';
import { MattersScreen } from './screens/MattersScreen.js';
import { MatterDetailScreen } from './screens/MatterDetailScreen.js';
import { DataCheckScreen } from './screens/DataCheckScreen.js';
import { CommitmentScreen } from './screens/CommitmentScreen.js';
import { ApplicationFormScreen } from './screens/ApplicationFormScreen.js';
import { ReceiptScreen } from './screens/ReceiptScreen.js';
import { StatusScreen } from './screens/StatusScreen.js';
import { EvaluationScreen } from './screens/EvaluationScreen.js';
import { ProxyScreen } from './screens/ProxyScreen.js';
import { MaintenanceScreen } from './screens/MaintenanceScreen.js';
import { FaceScreen } from './screens/FaceScreen.js';

/** The router: the store's `screen` picks what is shown; nothing else navigates. */
const screens: Record<Screen, () => JSX.Element | null> = {
  attract: AttractScreen,
  help: HelpScreen,
  'citizen-home': CitizenHomeScreen,
  ticket: TicketScreen,
  categories: CategoriesScreen,
  matters: MattersScreen,
  'matter-detail': MatterDetailScreen,
  'data-check': DataCheckScreen,
  commitment: CommitmentScreen,
  'application-form': ApplicationFormScreen,
  receipt: ReceiptScreen,
  status: StatusScreen,
  evaluation: EvaluationScreen,
  proxy: ProxyScreen,
  maintenance: MaintenanceScreen,
  face: FaceScreen,
};

export function App() {
  const screen = useKiosk(selectScreen);
  const elderly = useKiosk(selectElderlyMode);
  const locale = useKiosk(selectLocale);
  const idleWarning = useKiosk(selectIdleWarning);
  const root = useRef<HTMLDivElement>(null);
  useScreenFocus(root, screen, idleWarning);
  const Current = screens[screen];
  return (
    <div ref={root} className={`kiosk ${elderly ? 'elderly' : ''}`} data-screen={screen} lang={locale}>
      <TopBar />
      <NoticeBanner />
      <Current />
      <StatusBar />
      <IdleWatcher />
      <VoicePlayer />
    </div>
  );
}
