// Minimal typing of Odoo 19's "notification" service (addons/web/static/src/core/notifications/
// notification_service.js). Components get it with useService("notification").

export interface NotificationOptions {
  title?: string;
  type?: "warning" | "danger" | "success" | "info";
  sticky?: boolean;
  className?: string;
  onClose?: () => void;
}

export interface NotificationService {
  /** Shows a toast; returns the function that closes it. */
  add(message: string, options?: NotificationOptions): () => void;
}
