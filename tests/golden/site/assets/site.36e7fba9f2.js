// Progressive enhancements only: every page works without this file.
(() => {
  "use strict";

  // ---- Names: keys, typo-tolerant matching, and the index fetched a chunk at a time (glossator/pages/names.py).
  // A name's key, folded exactly as the build folds it: letters that do not decompose, then hiragana as katakana.
  const SPELLED = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ı": "i", "þ": "th", "ς": "σ" };
  const fold = (text) => {
    let out = "";
    for (let ch of text.normalize("NFKD").toLowerCase()) {
      ch = SPELLED[ch] ?? ch;
      const code = ch.codePointAt(0);
      out += ch.length === 1 && code >= 0x3041 && code <= 0x3096 ? String.fromCodePoint(code + 0x60) : ch;
    }
    return out.replace(/[^\p{L}\p{N}]+/gu, "");
  };

  // Edits (a letter added, dropped, changed, or two neighbours swapped) from `query` to the nearest
  // beginning of `key`, both arrays of characters; anything above `most` is reported as most + 1.
  const editsToStart = (query, key, most) => {
    const n = query.length;
    const m = Math.min(key.length, n + most);
    let before = null;
    let previous = Array.from({ length: m + 1 }, (_, j) => j);
    for (let i = 1; i <= n; i++) {
      const row = [i];
      let least = i;
      for (let j = 1; j <= m; j++) {
        let edits = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (query[i - 1] === key[j - 1] ? 0 : 1));
        if (before && j > 1 && query[i - 1] === key[j - 2] && query[i - 2] === key[j - 1]) edits = Math.min(edits, before[j - 2] + 1);
        row.push(edits);
        least = Math.min(least, edits);
      }
      if (least > most) return most + 1;
      before = previous;
      previous = row;
    }
    return Math.min(...previous);
  };

  // How well an entry's names answer a folded query: exactly, as a plural, by their beginning, inside,
  // or with typos (none under 4 letters, where one change makes another word; one up to 7; then two).
  const PLURAL_ENDINGS = ["s", "es"];
  const scorer = (query) => {
    const letters = [...query];
    const most = letters.length < 4 ? 0 : letters.length < 8 ? 1 : 2;
    return (entry) => {
      let best = 0;
      for (const key of entry.keys) {
        if (key === query) return 7;
        if (PLURAL_ENDINGS.some((end) => query === key + end)) best = Math.max(best, 6);
        else if (key.startsWith(query)) best = Math.max(best, 5);
        else if (key.includes(query)) best = Math.max(best, 4);
        else if (most && best < 3) {
          const edits = editsToStart(letters, [...key], most);
          if (edits <= most) best = Math.max(best, 4 - edits);
        }
      }
      return best;
    };
  };
  const TYPO = 4; // scores below this are matches with typos
  const ranked = (entries, query) => {
    const score = scorer(query);
    return entries.map((entry) => [score(entry), entry]).filter(([points]) => points > 0)
      .sort((a, b) => Number(Boolean(a[1].note)) - Number(Boolean(b[1].note)) || b[0] - a[0]
        || a[1].title.localeCompare(b[1].title));
  };
  const bestMatches = (entries, query, limit) => ranked(entries, query).slice(0, limit).map(([, entry]) => entry);

  // The manifest says where each chunk of names starts; a query needs the chunk it would start in.
  const nameIndex = (address) => {
    const manifestUrl = new URL(address, location.href);
    const chunks = new Map();
    let starts = null;
    const json = async (url) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      return response.json();
    };
    const manifest = () => {
      starts ||= json(manifestUrl).then((m) => m.chunks.map(([start, file]) => ({ start, url: new URL(file, manifestUrl).href })));
      starts.catch(() => { starts = null; });
      return starts;
    };
    const chunk = (url) => {
      if (!chunks.has(url)) {
        // A fourth item marks a deprecated term: offered after current ones, with its label.
        const rows = json(url).then((list) => list.map(([title, href, names, about = {}]) => ({
          title, url: href, keys: names.map(fold), note: about.deprecated || "",
        })));
        rows.catch(() => chunks.delete(url));
        chunks.set(url, rows);
      }
      return chunks.get(url);
    };
    return {
      prepare: () => manifest().catch(() => {}),
      // Entries with a name from where `key` (folded) would stand: every one beginning with it, in all but the
      // largest glossaries, where a short key's names can span chunks and the first of them is fetched.
      around: async (key) => {
        const list = await manifest();
        let pick = list[0];
        for (const c of list) {
          if (c.start <= key) pick = c;
          else break;
        }
        return chunk(pick.url);
      },
    };
  };
  const searchForm = document.querySelector("form.site-search");
  const names = searchForm && searchForm.dataset.names ? nameIndex(searchForm.dataset.names) : null;

  // ---- "Ask a question": explain a too-short question in words, not only a tooltip.
  for (const form of document.querySelectorAll("form.ask__form")) {
    const field = form.querySelector("textarea");
    const hint = form.querySelector(".ask__hint");
    if (!field || !hint) continue;
    const normal = hint.textContent;
    const tooShort = form.dataset.tooShort || normal;
    const check = () => {
      const short = field.value.trim().length < 10;
      field.setCustomValidity(short ? tooShort : "");
      return !short;
    };
    const complain = () => {
      hint.textContent = tooShort;
      hint.classList.add("is-error");
    };
    field.addEventListener("input", () => {
      if (hint.classList.contains("is-error") && check()) {
        hint.textContent = normal;
        hint.classList.remove("is-error");
      }
    });
    form.addEventListener("submit", (event) => {
      if (!check()) {
        event.preventDefault();
        complain();
        field.focus();
      }
    });
    field.addEventListener("invalid", () => {
      check();
      complain();
    });
  }

  // ---- Counts in words, in the form the page's language uses for n: CLDR's plural rules, as the build
  // applies them (glossator/core/labels.py). The element carries data-plural and data-count-<form>.
  const countLabel = (element, n) => {
    let form = n === 1 ? "one" : "other";
    try {
      form = new Intl.PluralRules(element.dataset.plural || document.documentElement.lang).select(n);
    } catch {
      // an unknown language tag: English's rule
    }
    const label = element.dataset["count" + form[0].toUpperCase() + form.slice(1)] || element.dataset.countOther;
    return label.replace("{n}", String(n));
  };

  // ---- Opening a link to a collapsed section opens it.
  const openTarget = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") target.open = true;
  };
  window.addEventListener("hashchange", openTarget);
  openTarget();

  // ---- Printing shows every section, then puts back the ones the reader had closed.
  let closedForPrint = [];
  window.addEventListener("beforeprint", () => {
    closedForPrint = [...document.querySelectorAll("details.step:not([open])")];
    for (const section of closedForPrint) section.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const section of closedForPrint) section.open = false;
    closedForPrint = [];
  });

  // ---- Term previews: the linked entry's 30-second version on hover, focus or tap.
  const previewData = document.getElementById("term-previews");
  if (previewData) {
    const previews = JSON.parse(previewData.textContent);
    const card = document.createElement("div");
    card.className = "preview";
    card.id = "term-preview";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    document.body.append(card);
    let owner = null;
    let hideTimer = 0;

    const place = (link) => {
      const box = link.getBoundingClientRect();
      const width = Math.min(340, document.documentElement.clientWidth - 24);
      card.style.width = `${width}px`;
      const left = Math.max(12, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 12));
      card.style.left = `${left}px`;
      const below = box.bottom + window.scrollY + 8;
      const height = card.offsetHeight;
      const fitsBelow = box.bottom + 8 + height < window.innerHeight;
      card.style.top = `${fitsBelow ? below : box.top + window.scrollY - height - 8}px`;
    };
    const show = (link) => {
      const data = previews[new URL(link.href, location.href).pathname];
      if (!data) return;
      clearTimeout(hideTimer);
      if (owner && owner !== link) owner.removeAttribute("aria-describedby");
      owner = link;
      card.replaceChildren();
      if (data.lang) card.lang = data.lang; else card.removeAttribute("lang");
      const meta = document.createElement("p");
      meta.className = "preview__meta";
      meta.textContent = data.meta;
      const title = document.createElement("p");
      title.className = "preview__title";
      title.textContent = data.title;
      const text = document.createElement("p");
      text.className = "preview__text";
      text.textContent = data.summary;
      card.append(meta, title, text);
      card.hidden = false;
      link.setAttribute("aria-describedby", card.id);
      place(link);
    };
    const hide = () => {
      card.hidden = true;
      if (owner) owner.removeAttribute("aria-describedby");
      owner = null;
    };
    const hideSoon = () => {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(hide, 120);
    };
    for (const link of document.querySelectorAll("a.term")) {
      link.addEventListener("mouseenter", () => show(link));
      link.addEventListener("mouseleave", hideSoon);
      link.addEventListener("focus", () => show(link));
      link.addEventListener("blur", hideSoon);
      // On touch screens the first tap shows the preview, a second tap follows the link.
      link.addEventListener("click", (event) => {
        if (link.dataset.tapped !== "1" && matchMedia("(hover: none)").matches) {
          event.preventDefault();
          for (const other of document.querySelectorAll("a.term[data-tapped]")) delete other.dataset.tapped;
          link.dataset.tapped = "1";
          show(link);
        }
      });
    }
    card.addEventListener("mouseenter", () => clearTimeout(hideTimer));
    card.addEventListener("mouseleave", hideSoon);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !card.hidden) hide();
    });
    document.addEventListener("pointerdown", (event) => {
      if (!card.hidden && !card.contains(event.target) && event.target !== owner) hide();
    });
    window.addEventListener("resize", () => owner && place(owner));
  }

  // ---- Header search: jump straight to a term by title or alias, typos forgiven.
  const form = searchForm;
  if (form && names) {
    const input = form.querySelector("input");
    const list = form.querySelector("[role=listbox]");
    let matches = [];
    let active = -1;
    let shownFor = null; // the query the list currently shows
    const render = () => {
      list.replaceChildren();
      matches.forEach((match, i) => {
        const option = document.createElement("li");
        option.id = `site-search-option-${i}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", String(i === active));
        option.textContent = match.title;
        if (match.note) {
          const note = document.createElement("span");
          note.className = "site-search__note";
          note.textContent = ` · ${match.note}`;
          option.append(note);
        }
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
          location.href = match.url;
        });
        list.append(option);
      });
      const query = input.value.trim();
      if (query) {
        const all = document.createElement("li");
        all.id = `site-search-option-${matches.length}`;
        all.setAttribute("role", "option");
        all.setAttribute("aria-selected", String(active === matches.length));
        all.className = "site-search__all";
        all.textContent = (form.dataset.allLabel || "Search all entries for “{q}”").replace("{q}", query);
        all.addEventListener("mousedown", (event) => {
          event.preventDefault();
          location.href = `${form.dataset.searchPage}?q=${encodeURIComponent(query)}`;
        });
        list.append(all);
      }
      const open = list.children.length > 0;
      list.hidden = !open;
      input.setAttribute("aria-expanded", String(open));
      if (active >= 0) input.setAttribute("aria-activedescendant", `site-search-option-${active}`);
      else input.removeAttribute("aria-activedescendant");
    };
    const update = async () => {
      const typed = input.value;
      const query = fold(typed);
      const entries = query ? await names.around(query) : [];
      if (input.value !== typed) return; // a later keystroke has its own update
      shownFor = typed;
      matches = query ? bestMatches(entries, query, 8) : [];
      active = -1;
      render();
    };
    input.addEventListener("focus", names.prepare);
    input.addEventListener("input", () => { update().catch(() => {}); });
    input.addEventListener("keydown", (event) => {
      const count = list.children.length;
      if (event.key === "ArrowDown" && count) {
        event.preventDefault();
        active = (active + 1) % count;
        render();
      } else if (event.key === "ArrowUp" && count) {
        event.preventDefault();
        active = (active - 1 + count) % count;
        render();
      } else if (event.key === "Escape") {
        matches = [];
        active = -1;
        list.hidden = true;
        input.setAttribute("aria-expanded", "false");
      }
    });
    input.addEventListener("blur", () => {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const query = input.value.trim();
      if (!query) return;
      if (shownFor !== input.value) await update();
      const choice = active >= 0 && active < matches.length ? matches[active] : matches[0];
      if (choice && active !== matches.length) location.href = choice.url;
      else location.href = `${form.dataset.searchPage}?q=${encodeURIComponent(query)}`;
    });
  }

  // ---- The search page: full-text results from Pagefind, narrowed by category and level (or all of a
  // category or level when nothing is typed), and entries named like the query when it looks mistyped.
  const page = document.querySelector(".search-page");
  if (page) {
    const box = page.querySelector("#search-query");
    const status = page.querySelector(".search-status");
    const results = page.querySelector(".search-results");
    const more = page.querySelector(".search-more");
    const suggestions = page.querySelector(".search-suggestions");
    const params = new URLSearchParams(location.search);
    box.value = params.get("q") || "";
    for (const check of page.querySelectorAll(".search-filters input")) {
      check.checked = params.getAll(check.name).includes(check.value);
    }
    let engine = null;
    const load = async () => {
      if (!engine) {
        engine = await import(`${page.dataset.pagefind}pagefind.js`);
        await engine.options({ baseUrl: page.dataset.pagefind.replace(/pagefind\/$/, "") });
      }
      return engine;
    };
    const filters = () => {
      const chosen = {};
      for (const check of page.querySelectorAll(".search-filters input:checked")) {
        (chosen[check.name] ||= []).push(check.value);
      }
      return Object.fromEntries(Object.entries(chosen).map(([k, v]) => [k, { any: v }]));
    };
    const PAGE_SIZE = 20;
    const FEW = 3; // with fewer results than this, every entry named like the query is offered too
    let serial = 0;
    let found = [];
    let listed = 0;
    const resultItem = (item) => {
      const li = document.createElement("li");
      li.className = "search-result";
      const link = document.createElement("a");
      link.href = item.url;
      link.className = "search-result__title";
      link.textContent = item.meta.title;
      if (item.meta.deprecated) {
        const note = document.createElement("span");
        note.className = "card__status";
        note.textContent = item.meta.deprecated;
        link.append(" ", note);
      }
      const excerpt = document.createElement("p");
      excerpt.className = "search-result__excerpt";
      // Pagefind marks matches with <mark>; rebuild that safely from text.  The excerpt is parsed
      // whole, in an inert document: parsing its pieces one by one would drop the spaces they start with.
      const parsed = new DOMParser().parseFromString(`<body>${item.excerpt}`, "text/html").body;
      for (const node of parsed.childNodes) {
        if (node.nodeName === "MARK") {
          const mark = document.createElement("mark");
          mark.textContent = node.textContent;
          excerpt.append(mark);
        } else excerpt.append(node.textContent);
      }
      li.append(link, excerpt);
      return li;
    };
    const listMore = async (mine) => {
      const batch = await Promise.all(found.slice(listed, listed + PAGE_SIZE).map((r) => r.data()));
      if (mine !== serial) return [];
      // Deprecated terms come after current ones, in Pagefind's order otherwise (sort is stable).
      batch.sort((a, b) => Number(Boolean(a.meta.deprecated)) - Number(Boolean(b.meta.deprecated)));
      results.append(...batch.map(resultItem));
      listed += batch.length;
      more.hidden = listed >= found.length;
      return batch;
    };
    // "Did you mean": entries named like the query or one of its words, when results are few, or else
    // entries whose names it looks like a mistyped form of; never the first result, which needs no pointing out.
    const suggest = async (query, few, first, mine) => {
      const keys = [...new Set([query, ...query.split(/\s+/)].map(fold))].filter((key) => key).slice(0, 4);
      const close = new Map();
      for (const key of keys) {
        for (const [points, entry] of ranked(await names.around(key), key)) {
          const path = new URL(entry.url, location.href).pathname;
          if ((few || points < TYPO) && path !== first && !close.has(path)) close.set(path, entry);
        }
      }
      if (mine !== serial || close.size === 0) return;
      const [before, after] = suggestions.dataset.label.split("{terms}");
      suggestions.replaceChildren(before);
      [...close.values()].slice(0, 5).forEach((entry, i) => {
        if (i) suggestions.append(suggestions.dataset.separator);
        const link = document.createElement("a");
        link.href = entry.url;
        link.textContent = entry.title;
        suggestions.append(link);
      });
      suggestions.append(after ?? "");
      suggestions.hidden = false;
    };
    const run = async () => {
      const mine = ++serial;
      const query = box.value.trim();
      const chosen = filters();
      const url = new URL(location.href);
      url.search = new URLSearchParams(new FormData(page.querySelector("form"))).toString();
      history.replaceState(null, "", url);
      suggestions.hidden = true;
      if (!query && Object.keys(chosen).length === 0) {
        results.replaceChildren();
        more.hidden = true;
        status.textContent = "";
        return;
      }
      const pagefind = await load();
      // Without a query, Pagefind lists every page the filters let through, here by title.
      const search = await pagefind.search(query || null, query ? { filters: chosen } : { filters: chosen, sort: { title: "asc" } });
      if (mine !== serial) return;
      found = search.results;
      listed = 0;
      results.replaceChildren();
      const first = await listMore(mine);
      if (mine !== serial) return;
      const n = found.length;
      status.textContent = n === 0 ? status.dataset.none : countLabel(status, n);
      if (query && names) {
        const top = first.length ? new URL(first[0].url, location.href).pathname : null;
        suggest(query, n < FEW, top, mine).catch(() => {});
      }
    };
    let timer = 0;
    page.querySelector("form").addEventListener("submit", (event) => { event.preventDefault(); run(); });
    box.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 150); });
    for (const check of page.querySelectorAll(".search-filters input")) check.addEventListener("change", run);
    more.addEventListener("click", () => { listMore(serial).catch(() => {}); });
    if (box.value || page.querySelector(".search-filters input:checked")) run();
  }

  // ---- Language switcher: a <details> menu that closes like one.
  const switcher = document.querySelector(".lang-switch");
  if (switcher) {
    document.addEventListener("click", (event) => {
      if (switcher.open && !switcher.contains(event.target)) switcher.open = false;
    });
    switcher.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && switcher.open) {
        switcher.open = false;
        switcher.querySelector("summary").focus();
      }
    });
  }
})();
