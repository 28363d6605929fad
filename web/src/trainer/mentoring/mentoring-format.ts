/** Today's date on the device, `YYYY-MM-DD` (the mentor's own day, wherever they are). */
export function localToday(now = new Date()): string {
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** `+62812…` → `62812…` for a wa.me link; null when it is not a number. */
export function whatsappNumber(phone: string | null): string | null {
  const digits = (phone ?? '').replace(/\D+/g, '');
  return digits.length >= 8 ? digits : null;
}
