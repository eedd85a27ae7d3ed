/* Glossator previews for other sites: <script src="https://GLOSSARY/embed.js" defer></script>
   Links to the glossary's entries show the entry's 30-second version on hover, focus or tap.
   The index comes as small scripts (assets/embed/<bucket>.js) that hand their data to glossatorEmbed;
   everything shown is set as text, never as HTML.  Opt out with data-glossary-preview="off"
   on a link, on anything around links, or on <body> for the whole page. */
(() => {
  "use strict";
  const config = GLOSSATOR_EMBED_CONFIG;
  const script = document.currentScript;
  const OFF = '[data-glossary-preview="off"]';
  const registry = window.glossatorEmbed || (window.glossatorEmbed = (chunk) => {
    const take = chunk && registry.sites[chunk.id];
    if (take) take(chunk);
  });
  if (!script || typeof registry !== "function") return;
  registry.sites = registry.sites || {};
  if (registry.sites[config.id]) return; // the same glossary's script twice on one page
  const root = new URL(".", script.src).href;
  const bases = [...new Set([root, ...config.bases])];
  const SLUG = /^(?:([^/]+)\/)?glossary\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?(?:index\.html)?$/;
  const store = new Map(); // language prefix + slug -> entry
  const requested = new Set();
  let ready = false; // the stylesheet has loaded: until then nothing is shown
  let card, owner = null, wanted = null, tapped = null, hideTimer = 0, pointer = "";

  // Which entry a link leads to, as "<prefix><slug>" with its chunk's name, or null.
  const target = (link) => {
    if (!(link instanceof HTMLAnchorElement) || link.closest(OFF)) return null;
    let url;
    try { url = new URL(link.href); } catch { return null; }
    const address = url.origin + url.pathname;
    for (const base of bases) {
      if (!address.startsWith(base)) continue;
      const match = SLUG.exec(address.slice(base.length));
      const prefix = match && match[1] ? match[1] + "/" : "";
      if (match && config.prefixes.includes(prefix)) return { key: prefix + match[2], chunk: prefix + bucket(match[2]) };
    }
    return null;
  };
  // FNV-1a over the slug (ASCII), as the build splits the index.
  const bucket = (slug) => {
    let hash = 0x811c9dc5;
    for (let i = 0; i < slug.length; i++) hash = Math.imul(hash ^ slug.charCodeAt(i), 0x01000193);
    return ((hash >>> 0) % config.buckets).toString(16);
  };
  const load = (chunk) => {
    if (requested.has(chunk)) return;
    requested.add(chunk);
    const tag = document.createElement("script");
    tag.src = `${root}${config.chunks}${chunk}.js?v=${config.version}`;
    tag.async = true;
    tag.onload = tag.onerror = () => tag.remove();
    document.head.append(tag);
  };
  registry.sites[config.id] = (chunk) => {
    for (const [slug, entry] of Object.entries(chunk.entries)) {
      store.set(chunk.prefix + slug, { ...entry, lang: chunk.lang, dir: chunk.dir });
    }
    if (wanted && wanted !== owner) show(wanted);
  };

  const element = (tag, name, text) => {
    const node = document.createElement(tag);
    node.className = name;
    if (text !== undefined) node.textContent = String(text);
    return node;
  };
  const place = (link) => {
    const box = link.getBoundingClientRect();
    const viewport = document.documentElement.clientWidth || window.innerWidth;
    const width = Math.min(340, viewport - 24);
    card.style.width = `${width}px`;
    card.style.left = `${Math.max(12, Math.min(box.left, viewport - width - 12))}px`;
    const height = card.offsetHeight;
    const below = box.bottom + 8 + height <= window.innerHeight || box.top - 8 - height < 0;
    card.style.top = `${below ? box.bottom + 8 : box.top - height - 8}px`;
  };
  const show = (link) => {
    const found = target(link);
    if (!found) return;
    clearTimeout(hideTimer);
    wanted = link;
    if (link === owner && !card.hidden) return;
    const entry = store.get(found.key);
    if (!entry) return load(found.chunk); // shown when its chunk arrives, if still wanted
    if (!ready) return;
    if (owner && owner !== link) owner.removeAttribute("aria-describedby");
    owner = link;
    card.lang = entry.lang;
    card.dir = entry.dir;
    const meta = [entry.category, entry.level].filter(Boolean).join(" \u00b7 ");
    card.replaceChildren(
      element("span", "glossator-preview__meta", meta),
      element("span", "glossator-preview__title", entry.title),
      element("span", "glossator-preview__text", entry.summary),
    );
    card.hidden = false;
    link.setAttribute("aria-describedby", card.id);
    place(link);
  };
  const hide = () => {
    clearTimeout(hideTimer);
    card.hidden = true;
    if (owner) owner.removeAttribute("aria-describedby");
    owner = wanted = tapped = null;
  };
  const hideSoon = () => {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 120);
  };
  const linkAt = (node) => (node instanceof Element ? node.closest("a[href]") : null);

  const start = () => {
    if (document.body.closest(OFF)) return;
    card = element("div", "glossator-preview");
    card.id = "glossator-preview";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    document.body.append(card);
    const sheet = document.createElement("link");
    sheet.rel = "stylesheet";
    sheet.href = `${root}embed.css?v=${config.version}`;
    sheet.onload = () => {
      ready = true;
      if (wanted) show(wanted);
    };
    document.head.append(sheet);
    for (const link of document.links) {
      const found = target(link);
      if (found) load(found.chunk);
    }
    document.addEventListener("mouseover", (event) => {
      const link = linkAt(event.target);
      if (link && target(link)) show(link);
      else if (card.contains(event.target)) clearTimeout(hideTimer);
    });
    document.addEventListener("mouseout", (event) => {
      const from = linkAt(event.target) || (card.contains(event.target) ? card : null);
      if (from && !from.contains(event.relatedTarget) && (from === card || from === wanted)) hideSoon();
    });
    document.addEventListener("focusin", (event) => {
      const link = linkAt(event.target);
      if (link && target(link)) show(link);
    });
    document.addEventListener("focusout", (event) => {
      if (event.target === wanted) hideSoon();
    });
    document.addEventListener("pointerdown", (event) => {
      pointer = event.pointerType;
      if (!card.hidden && !card.contains(event.target) && linkAt(event.target) !== owner) hide();
    }, true);
    // On a touch screen the first tap shows the preview and a second follows the link.
    document.addEventListener("click", (event) => {
      const link = linkAt(event.target);
      if (pointer !== "touch" || !link || link === tapped) return;
      const found = target(link);
      if (found && store.has(found.key) && ready) {
        event.preventDefault();
        tapped = link;
        show(link);
      }
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !card.hidden) hide();
    });
    const follow = () => owner && place(owner);
    window.addEventListener("resize", follow);
    window.addEventListener("scroll", follow, { capture: true, passive: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
