'use client';
// The same error boundary as the rest of the signed-in pages.
export { default } from '../(app)/error';
