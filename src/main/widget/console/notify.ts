// Desktop notifications for a new waiting chat, beside the tone and the live region. Browsers ask
// the agent once (from a click: "Turn on notifications"); denied or unsupported, nothing is shown.

export function notificationsSupported(): boolean {
  return typeof Notification !== 'undefined';
}

export function notificationsAllowed(): boolean {
  return notificationsSupported() && Notification.permission === 'granted';
}

export async function askForNotifications(): Promise<boolean> {
  if (!notificationsSupported()) return false;
  return (await Notification.requestPermission()) === 'granted';
}

/** A notification that brings the console forward when clicked; one per chat (`tag`). */
export function notify(title: string, body: string, tag: string): void {
  if (!notificationsAllowed()) return;
  try {
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      n.close();
    };
  } catch {
    // Some browsers allow notifications only from a service worker: the tone still sounds.
  }
}
