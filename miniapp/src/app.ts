import type { PropsWithChildren } from 'react';
import './app.scss';

/** The app shell: pages render as its children; global state lives in src/state. */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
