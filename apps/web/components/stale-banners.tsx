'use client';
// Banners belong to the action that raised them. When a form is sent, the success and
// error lines other forms are still showing (`.flash`, `.form-alert` inside them: their
// last answer) are hidden, so they cannot pass for the new action's outcome. A form that
// answers in place (ActionForm, `data-answers-here`: the address does not change) hides
// the page's own banners too (a redirect's query, e.g. "?sponsorGranted"), until the
// address changes. A form that redirects needs no more: the page it lands on says its
// outcome. The sent form's own banners stay (its answer replaces them). Mounted once.
import { useEffect } from 'react';

const BANNERS = '.flash, .form-alert';

export function StaleBanners() {
  useEffect(() => {
    let shownFor = window.location.href;
    const onSubmit = (event: Event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      shownFor = window.location.href;
      const inPlace = form.hasAttribute('data-answers-here');
      for (const banner of document.querySelectorAll<HTMLElement>(BANNERS)) {
        if (form.contains(banner)) delete banner.dataset.stale;
        else if (inPlace || banner.closest('form')) banner.dataset.stale = '';
      }
    };
    // Another address: what it shows is its own.
    const observer = new MutationObserver(() => {
      if (window.location.href === shownFor) return;
      shownFor = window.location.href;
      for (const banner of document.querySelectorAll<HTMLElement>('[data-stale]')) {
        delete banner.dataset.stale;
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
    document.addEventListener('submit', onSubmit, true);
    return () => {
      observer.disconnect();
      document.removeEventListener('submit', onSubmit, true);
    };
  }, []);
  return null;
}
