// The same "Not found" as the rest of the signed-in pages, now with an HTTP 404.
export { default } from '../(app)/not-found';
