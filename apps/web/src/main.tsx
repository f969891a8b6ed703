import './lib/zod-config';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// As a transition, the first render (and the page chunk's, when it arrives) yields to the browser every few
// milliseconds instead of holding the main thread for the whole tree: taps and scrolls answer while it runs.
startTransition(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
