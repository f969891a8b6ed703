import { useSyncExternalStore } from 'react';
import { OFFLINE_NOW } from '../lib/errors';

function subscribe(listener: () => void) {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

/** Says so while the browser is offline: the app still shows (the service worker keeps it), saving does not. */
export function OfflineBanner() {
  const online = useSyncExternalStore(subscribe, () => navigator.onLine);
  if (online) return null;
  return (
    <p className="offline-banner" role="status">
      {OFFLINE_NOW}
    </p>
  );
}
