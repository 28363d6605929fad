import { setNonce } from 'get-nonce';

/**
 * The server's Content-Security-Policy admits `<style>` elements with this response's nonce
 * only: Mantine adds it to its own (`getStyleNonce`), and react-remove-scroll (under Mantine's
 * modals) takes it from get-nonce. Both apps (manager and trainer) call this once.
 */
export function styleNonceGetter(): () => string {
  const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
  setNonce(nonce);
  return () => nonce;
}
