// Chợ Phiên alerts: shows a web push (new paid order, underpaid transfer, refund case, stock running out)
// and opens its link when tapped. Payloads are JSON {title, body, url, tag, silent} (functions/alerts/channels.ts).
self.addEventListener('push', (event) => {
  const data = event.data ? event.data.json() : {};
  event.waitUntil(
    self.registration.showNotification(data.title || 'Chợ Phiên', {
      body: data.body || '',
      tag: data.tag,
      silent: Boolean(data.silent),
      lang: 'vi',
      data: { url: data.url || '/' },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data.url, self.location.origin);
  // Only this site's pages open from a notification.
  if (url.origin === self.location.origin) event.waitUntil(self.clients.openWindow(url.href));
});
