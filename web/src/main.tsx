/**
 * One document, two apps. The trainer PWA under /trainer is its own chunk graph: it loads none
 * of the manager pages (nor react-router), to stay within its JavaScript budget on cheap phones;
 * every other path starts the manager app.
 */
const isTrainerApp = /^\/trainer(?:\/|$)/.test(window.location.pathname);
void (isTrainerApp ? import('./trainer/start.tsx') : import('./start.tsx'));
