/* dateline's web page: filters, map, timeline, event list, actor graph and event panel over the JSON API of
 * docs/api.md. Plain ES2020, no build step; Leaflet and leaflet.markercluster are the only libraries (vendor/).
 *
 * Every view asks the server with the same query string (the filters), so they count the same events; nothing
 * loads all events into the browser beyond the GeoJSON limit. Text from the server is only ever put in the page as
 * text nodes or attributes, never as HTML.
 *
 * Sections: constants and helpers, api, filters, map, timeline, list, graph, panel, start.
 */
"use strict";

(() => {
  // ================================================================================================================
  // constants and helpers
  // ================================================================================================================

  const TYPES = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
  ];
  // A fixed palette: cooperation in greens and blues, verbal conflict in yellows and oranges, material conflict
  // in pinks, purples, browns and red.
  const TYPE_COLORS = {
    AGREE: "#2ca02c", CONSULT: "#98df8a", SUPPORT: "#1f77b4", CONCEDE: "#aec7e8",
    COOPERATE: "#17becf", AID: "#9edae5", RETREAT: "#dbdb8d", REQUEST: "#bcbd22",
    ACCUSE: "#ffbb78", REJECT: "#ff7f0e", THREATEN: "#c5b0d5", PROTEST: "#e377c2",
    SANCTION: "#9467bd", MOBILIZE: "#8c564b", COERCE: "#ff9896", ASSAULT: "#d62728",
  };
  const OTHER_COLOR = "#7f7f7f";
  const FACTUALITY = ["asserted", "reported", "hedged", "negated", "future", "hypothetical"];
  // Evidence span kinds, in the order they win a tie for a piece's colour.
  const SPAN_KINDS = ["trigger", "source", "target", "speaker", "place", "date", "medium", "factuality", "mention",
    "quote"];
  const SPAN_LABELS = {
    trigger: "trigger", source: "source", target: "target", speaker: "speaker", place: "place", date: "date",
    medium: "medium", quote: "quote", mention: "other mention", factuality: "factuality cue",
  };
  const ACTOR_KIND_COLORS = {
    state: "#1f77b4", government: "#1f77b4", military: "#2e7d32", police: "#2e7d32",
    rebels: "#c62828", "terrorist-group": "#c62828", party: "#7b1fa2", igo: "#00838f", ngo: "#00838f",
    media: "#ef6c00", civilians: "#8d6e63", business: "#b59a00", person: "#d81b60", organization: "#546e7a",
  };
  const PAGE_SIZE = 50;
  const GEOJSON_LIMIT = 20000;
  const GRAPH_LIMIT = 60;
  const BUSY_RETRIES = 5;
  const ACTOR_ID = /^[A-Za-z0-9._:-]{1,200}$/;
  const ISO3 = /^[A-Z]{3}$/;
  const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

  const $ = (id) => document.getElementById(id);
  const typeColor = (type) => TYPE_COLORS[type] || OTHER_COLOR;

  /** An element with attributes and children; strings become text nodes (never HTML). */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const SVG_NS = "http://www.w3.org/2000/svg";
  function svg(tag, attrs = {}, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function setAttrs(node, attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.setAttribute("class", value);
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key === "style" && typeof value === "object") Object.assign(node.style, value);
      else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
  }

  function show(node, message, { error = false } = {}) {
    node.textContent = message;
    node.classList.toggle("error", error);
    node.hidden = !message;
  }

  /** `fn` called once calls stop for `ms`; `.cancel()` drops a pending call. */
  function debounce(fn, ms) {
    let timer = 0;
    const later = (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
    later.cancel = () => clearTimeout(timer);
    return later;
  }

  const isAbort = (err) => err && err.name === "AbortError";
  const plural = (n, word, many = word + "s") => `${n.toLocaleString("en")} ${n === 1 ? word : many}`;
  const actorNames = (list) => (list || []).map((a) => a.name || a.text || a.actor || "?").join(", ");
  const shortTime = (value) => (value ? String(value).slice(0, 16).replace("T", " ") : "");

  function typeBadge(type) {
    return el("span", { class: "type-badge", style: { background: typeColor(type) } }, type || "?");
  }

  function placeLabel(place) {
    if (!place) return "";
    return place.country ? `${place.name} (${place.country})` : place.name || "";
  }

  // ================================================================================================================
  // api
  // ================================================================================================================

  class ApiError extends Error {
    constructor(message, status) {
      super(message);
      this.name = "ApiError";
      this.status = status;
    }
  }

  let busyRequests = 0;
  let pendingRequests = 0;

  /** The number of API requests under way, as <html data-pending="N"> (tests can wait for "0"). */
  function setPending(delta) {
    pendingRequests += delta;
    document.documentElement.dataset.pending = String(pendingRequests);
  }

  /** GET api/<path>?params as JSON; a 503 (the store locked by a running `dateline run`) is retried a few times. */
  async function api(path, params = null, signal = undefined) {
    setPending(+1);
    try {
      return await request(path, params, signal);
    } finally {
      setPending(-1);
    }
  }

  async function request(path, params, signal) {
    const url = new URL("api/" + path, document.baseURI);
    if (params) url.search = params.toString();
    for (let attempt = 0; ; attempt++) {
      let response;
      try {
        response = await fetch(url, { signal, headers: { Accept: "application/json" } });
      } catch (err) {
        if (isAbort(err)) throw err;
        throw new ApiError("The server cannot be reached. Is `dateline serve` running?", 0);
      }
      if (response.status === 503 && attempt < BUSY_RETRIES) {
        const wait = Math.min(10, Number(response.headers.get("Retry-After")) || 2);
        setBusy(+1);
        try {
          await sleep(wait * 1000, signal);
        } finally {
          setBusy(-1);
        }
        continue;
      }
      let body = null;
      try {
        body = await response.json();
      } catch (err) {
        if (isAbort(err)) throw err;
      }
      if (!response.ok) {
        const said = body && typeof body.error === "string" ? body.error : response.statusText;
        const hint = response.status === 503 ? " The store is in use by a running `dateline run`; try again." : "";
        throw new ApiError(`The server answered ${response.status}: ${said}.${hint}`.replace("..", "."),
          response.status);
      }
      if (body === null) throw new ApiError("The server's answer is not JSON.", response.status);
      return body;
    }
  }

  function sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      if (signal) {
        signal.addEventListener("abort", () => {
          clearTimeout(timer);
          reject(new DOMException("aborted", "AbortError"));
        }, { once: true });
      }
    });
  }

  function setBusy(delta) {
    busyRequests += delta;
    const box = $("filter-message");
    if (busyRequests > 0) {
      show(box, "The store is busy (a `dateline run` is writing it); retrying…");
      box.dataset.busy = "1";
    } else if (box.dataset.busy) {
      delete box.dataset.busy;
      show(box, "");
    }
  }

  /** The message to show for a failed request. */
  function failure(err) {
    return err instanceof ApiError ? err.message : `Something went wrong: ${err && err.message}`;
  }

  // ================================================================================================================
  // filters
  // ================================================================================================================

  const state = {
    filters: emptyFilters(),
    page: 1,
    sort: "-date",
    controller: null, // aborts the previous reload's requests
    actorNames: new Map(), // actor id -> name, from suggestions and the graph
  };

  function emptyFilters() {
    return { type: [], actor: "", country: "", date_from: "", date_to: "", factuality: [], min_outlets: "", q: "" };
  }

  /** The filters as query parameters (repeatable ones repeated), in a fixed order. */
  function filterParams(f = state.filters) {
    const params = new URLSearchParams();
    for (const t of f.type) params.append("type", t);
    if (f.actor) params.set("actor", f.actor);
    if (f.country) params.set("country", f.country);
    if (f.date_from) params.set("date_from", f.date_from);
    if (f.date_to) params.set("date_to", f.date_to);
    for (const x of f.factuality) params.append("factuality", x);
    if (f.min_outlets) params.set("min_outlets", f.min_outlets);
    if (f.q) params.set("q", f.q);
    return params;
  }

  function withParams(extra) {
    const params = filterParams();
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    return params;
  }

  function filtersFromQuery(search) {
    const q = new URLSearchParams(search);
    const f = emptyFilters();
    f.type = q.getAll("type").filter((t) => TYPES.includes(t));
    f.factuality = q.getAll("factuality").filter((x) => FACTUALITY.includes(x));
    for (const key of ["actor", "country", "date_from", "date_to", "min_outlets", "q"]) f[key] = q.get(key) || "";
    return f;
  }

  function filtersFromForm() {
    const selected = (select) => Array.from(select.selectedOptions, (o) => o.value);
    return {
      type: selected($("filter-type")),
      actor: $("filter-actor").value.trim(),
      country: $("filter-country").value.trim().toUpperCase(),
      date_from: $("filter-from").value,
      date_to: $("filter-to").value,
      factuality: selected($("filter-factuality")),
      min_outlets: $("filter-outlets").value.trim(),
      q: $("filter-q").value.trim(),
    };
  }

  function filtersToForm(f) {
    for (const o of $("filter-type").options) o.selected = f.type.includes(o.value);
    for (const o of $("filter-factuality").options) o.selected = f.factuality.includes(o.value);
    $("filter-actor").value = f.actor;
    $("filter-country").value = f.country;
    $("filter-from").value = f.date_from;
    $("filter-to").value = f.date_to;
    $("filter-outlets").value = f.min_outlets;
    $("filter-q").value = f.q;
    $("actor-name").textContent = f.actor ? state.actorNames.get(f.actor) || "" : "";
    $("timeline-reset").hidden = !(f.date_from || f.date_to);
  }

  /** What is wrong with the filters, or "" (checked here so the page never sends a request the API refuses). */
  function invalid(f) {
    if (f.actor && !ACTOR_ID.test(f.actor)) {
      return `"${f.actor}" is not an actor id: choose an actor from the suggestions.`;
    }
    if (f.country && !ISO3.test(f.country)) {
      return `Country must be an ISO 3166 alpha-3 code such as SYR, not "${f.country}".`;
    }
    if (f.date_from && !ISO_DAY.test(f.date_from)) return "The first date is not a date.";
    if (f.date_to && !ISO_DAY.test(f.date_to)) return "The last date is not a date.";
    if (f.date_from && f.date_to && f.date_from > f.date_to) {
      return `The first date (${f.date_from}) is after the last (${f.date_to}).`;
    }
    if (f.min_outlets && !(/^\d+$/.test(f.min_outlets) && +f.min_outlets >= 1 && +f.min_outlets <= 10000)) {
      return "Minimum outlets must be a whole number from 1 to 10000.";
    }
    if (f.q.length > 200) return "The words are too long (200 characters at most).";
    return "";
  }

  /** Read the form; if the filters are valid and changed, reload every view. */
  function applyFilters({ force = false } = {}) {
    const f = filtersFromForm();
    const problem = invalid(f);
    show($("filter-message"), problem, { error: true });
    if (problem) return;
    const before = filterParams().toString();
    const countryChanged = f.country !== state.filters.country;
    state.filters = f;
    if (!force && filterParams().toString() === before) return;
    $("actor-name").textContent = f.actor ? state.actorNames.get(f.actor) || "" : "";
    if (f.actor && !state.actorNames.has(f.actor)) nameActor(f.actor);
    $("timeline-reset").hidden = !(f.date_from || f.date_to);
    state.page = 1;
    writeUrl();
    reloadAll({ fit: countryChanged });
  }

  /** Set some filters from the page (a graph node, the timeline brush, the map) and apply them. */
  function setFilters(changes) {
    filtersToForm({ ...filtersFromForm(), ...changes });
    applyFilters();
  }

  function writeUrl() {
    const query = filterParams().toString();
    const url = (query ? "?" + query : location.pathname) + location.hash;
    history.replaceState(null, "", url);
  }

  function reloadAll({ fit = false } = {}) {
    if (state.controller) state.controller.abort();
    state.controller = new AbortController();
    const signal = state.controller.signal;
    loadMap(signal, fit);
    loadTimeline(signal);
    loadList(signal);
    loadGraph(signal);
  }

  async function loadTypes() {
    const select = $("filter-type");
    let counts = {};
    try {
      const body = await api("types");
      const items = Array.isArray(body) ? body : body.types || body.items || [];
      for (const item of items) {
        if (item && typeof item.type === "string") counts[item.type] = item.count;
      }
    } catch (err) {
      counts = {};
      show($("filter-message"), `Could not read the event types (${failure(err)}); all 16 are listed.`);
    }
    const chosen = new Set(state.filters.type);
    select.replaceChildren(...TYPES.map((t) => {
      const n = counts[t];
      return el("option", {
        value: t, selected: chosen.has(t),
        style: { borderLeft: `6px solid ${typeColor(t)}`, paddingLeft: "4px" },
      }, typeof n === "number" ? `${t} (${n.toLocaleString("en")})` : t);
    }));
  }

  function fillCountries(world) {
    const seen = new Map();
    for (const feature of world.features || []) {
      const p = feature.properties || {};
      if (p.iso3 && !seen.has(p.iso3)) seen.set(p.iso3, p.name || p.iso3);
    }
    const options = [...seen].sort((a, b) => a[1].localeCompare(b[1]));
    $("country-options").replaceChildren(...options.map(([iso3, name]) => el("option", { value: iso3 }, name)));
  }

  // --- actor suggestions ---

  const actorBox = { items: [], active: -1, controller: null, suggest: null };

  async function suggestActors() {
    const input = $("filter-actor");
    const text = input.value.trim();
    if (actorBox.controller) actorBox.controller.abort();
    if (text.length < 2 || document.activeElement !== input) return closeSuggestions();
    actorBox.controller = new AbortController();
    try {
      const body = await api("actors", new URLSearchParams({ q: text, page_size: "12" }), actorBox.controller.signal);
      actorBox.items = body.items || [];
      for (const a of actorBox.items) state.actorNames.set(a.actor_id, a.name);
      renderSuggestions();
    } catch (err) {
      if (!isAbort(err)) closeSuggestions();
    }
  }

  function renderSuggestions() {
    const list = $("actor-suggestions");
    const input = $("filter-actor");
    actorBox.active = -1;
    if (!actorBox.items.length) {
      list.replaceChildren(el("li", { class: "none", "aria-disabled": "true" }, "No actor of that name"));
    } else {
      list.replaceChildren(...actorBox.items.map((a, i) => el("li", {
        role: "option", id: `actor-option-${i}`, dataset: { actor: a.actor_id },
        onmousedown: (ev) => { ev.preventDefault(); chooseActor(i); },
      },
      el("span", {}, a.name || a.actor_id),
      el("span", { class: "sub" }, [a.kind, a.country, a.n_events != null ? plural(a.n_events, "event") : null]
        .filter(Boolean).join(" · ")))));
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function closeSuggestions() {
    if (actorBox.suggest) actorBox.suggest.cancel();
    if (actorBox.controller) actorBox.controller.abort();
    $("actor-suggestions").hidden = true;
    $("filter-actor").setAttribute("aria-expanded", "false");
    actorBox.active = -1;
  }

  function chooseActor(i) {
    const a = actorBox.items[i];
    if (!a) return;
    state.actorNames.set(a.actor_id, a.name);
    $("filter-actor").value = a.actor_id;
    closeSuggestions();
    applyFilters();
  }

  function moveSuggestion(step) {
    const items = $("actor-suggestions").querySelectorAll("li[role=option]");
    if (!items.length) return;
    actorBox.active = (actorBox.active + step + items.length) % items.length;
    items.forEach((li, i) => li.setAttribute("aria-selected", i === actorBox.active ? "true" : "false"));
    items[actorBox.active].scrollIntoView({ block: "nearest" });
    $("filter-actor").setAttribute("aria-activedescendant", items[actorBox.active].id);
  }

  /** The typed text as an actor id: a suggestion's name or id, or the text itself when it looks like an id. */
  function resolveActorText() {
    const input = $("filter-actor");
    const text = input.value.trim();
    if (!text) return;
    const lower = text.toLowerCase();
    const match = actorBox.items.find((a) => a.actor_id === text || (a.name || "").toLowerCase() === lower);
    if (match) {
      state.actorNames.set(match.actor_id, match.name);
      input.value = match.actor_id;
    }
  }

  async function nameActor(id) {
    // The name of an actor given in the address: /api/actors?q= matches ids too (no 404 for an unknown one).
    try {
      const body = await api("actors", new URLSearchParams({ q: id, page_size: "20" }));
      const found = (body.items || []).find((a) => a.actor_id === id);
      if (state.filters.actor !== id) return;
      if (found) state.actorNames.set(id, found.name);
      $("actor-name").textContent = found ? found.name : "no actor has this id";
    } catch (err) {
      // only a label: the filter works without it
    }
  }

  function wireFilters() {
    const form = $("filters");
    form.addEventListener("submit", (ev) => ev.preventDefault());
    for (const id of ["filter-type", "filter-factuality", "filter-from", "filter-to", "filter-country",
      "filter-outlets", "filter-q"]) {
      $(id).addEventListener("change", () => applyFilters());
    }
    // Typing applies too, once the value is complete (a fill without a change event still filters).
    const later = debounce(() => applyFilters(), 500);
    $("filter-country").addEventListener("input", () => {
      const v = $("filter-country").value.trim();
      if (v === "" || ISO3.test(v.toUpperCase())) later();
    });
    $("filter-outlets").addEventListener("input", later);
    $("filter-q").addEventListener("input", later);
    for (const id of ["filter-from", "filter-to"]) $(id).addEventListener("input", later);

    const actor = $("filter-actor");
    actorBox.suggest = debounce(suggestActors, 200);
    actor.addEventListener("input", () => {
      if (!actor.value.trim()) {
        closeSuggestions();
        later();
        return;
      }
      actorBox.suggest();
    });
    actor.addEventListener("keydown", (ev) => {
      const open = !$("actor-suggestions").hidden;
      if (ev.key === "ArrowDown" && open) { ev.preventDefault(); moveSuggestion(1); }
      else if (ev.key === "ArrowUp" && open) { ev.preventDefault(); moveSuggestion(-1); }
      else if (ev.key === "Escape") closeSuggestions();
      else if (ev.key === "Enter") {
        ev.preventDefault();
        if (open && actorBox.active >= 0) chooseActor(actorBox.active);
        else { resolveActorText(); closeSuggestions(); applyFilters(); }
      }
    });
    actor.addEventListener("change", () => { resolveActorText(); applyFilters(); });
    actor.addEventListener("blur", () => setTimeout(closeSuggestions, 150));

    $("filter-clear").addEventListener("click", () => {
      filtersToForm(emptyFilters());
      applyFilters();
    });
    $("timeline-reset").addEventListener("click", () => setFilters({ date_from: "", date_to: "" }));
  }

  // ================================================================================================================
  // map
  // ================================================================================================================

  const map = { leaflet: null, clusters: null, selected: null, icons: new Map(), loadedOnce: false };

  function initMap() {
    const m = L.map("map", {
      worldCopyJump: false, minZoom: 1, maxZoom: 14, zoomSnap: 0.25, preferCanvas: true,
      maxBounds: [[-89, -360], [89, 360]], maxBoundsViscosity: 0.8,
    });
    m.fitBounds([[-50, -150], [72, 160]]);
    m.attributionControl.addAttribution("Countries: Natural Earth (public domain)");
    map.leaflet = m;
    map.clusters = newClusters();
    m.addLayer(map.clusters);
    map.selected = L.layerGroup().addTo(m);
    addLegend(m);
    new ResizeObserver(() => m.invalidateSize()).observe($("map"));
  }

  function newClusters() {
    return L.markerClusterGroup({
      chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45, spiderfyOnMaxZoom: true,
      iconCreateFunction: clusterIcon,
    });
  }

  /** Show these markers instead of the current ones (a new group: a reload never mixes with a half-added one). */
  function replaceMarkers(markers) {
    const group = newClusters();
    group.addLayers(markers);
    map.leaflet.removeLayer(map.clusters);
    map.clusters = group;
    map.leaflet.addLayer(group);
  }

  async function loadWorld() {
    try {
      const response = await fetch("vendor/world.geojson");
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const world = await response.json();
      const land = L.geoJSON(world, {
        style: { fillColor: "#cfd3d8", fillOpacity: 1, color: "#aeb5be", weight: 0.6 },
        onEachFeature: (feature, layer) => {
          const p = feature.properties || {};
          layer.bindTooltip(() => el("span", {}, p.iso3 ? `${p.name} (${p.iso3}): click to filter` : p.name || ""),
            { sticky: true, direction: "top", opacity: 0.9 });
          layer.on("click", () => { if (p.iso3) setFilters({ country: p.iso3 }); });
        },
      });
      land.addTo(map.leaflet);
      land.bringToBack();
      fillCountries(world);
    } catch (err) {
      show($("map-message"), `The world map (vendor/world.geojson) could not be loaded: ${err.message}.`,
        { error: true });
    }
  }

  function markerIcon(type, outlets) {
    const n = Math.max(1, Number(outlets) || 1);
    const size = Math.round(2 * Math.min(16, 5 + 2.4 * Math.sqrt(n - 1)));
    const color = typeColor(type);
    const key = `${color}|${size}`;
    if (!map.icons.has(key)) {
      // Only the palette's colour and a number go into this HTML: nothing from the server.
      map.icons.set(key, L.divIcon({
        className: "event-marker", html: `<span style="background:${color}"></span>`,
        iconSize: [size, size], iconAnchor: [size / 2, size / 2],
      }));
    }
    return map.icons.get(key);
  }

  function clusterIcon(cluster) {
    const markers = cluster.getAllChildMarkers();
    const byType = {};
    for (const marker of markers) byType[marker.options.eventType] = (byType[marker.options.eventType] || 0) + 1;
    const top = Object.entries(byType).sort((a, b) => b[1] - a[1])[0];
    const n = markers.length;
    const size = Math.round(26 + 7 * Math.log10(n));
    const color = top ? typeColor(top[0]) : OTHER_COLOR;
    return L.divIcon({
      className: "event-cluster",
      html: `<div style="box-shadow:0 0 0 4px ${color}">${Number(n)}</div>`,
      iconSize: [size, size],
    });
  }

  function addLegend(m) {
    const legend = L.control({ position: "bottomleft" });
    legend.onAdd = () => {
      // Open unless the map is small (the legend would hide too much of it).
      const open = $("map").clientHeight > 420;
      const box = el("details", { class: "map-legend", open, title: "Click a type to filter by it" },
        el("summary", {}, "Event types"),
        el("div", { class: "items" }, TYPES.map((t) => el("span", { class: "item", dataset: { type: t } },
          el("span", { class: "swatch", style: { background: typeColor(t) } }), t))));
      box.addEventListener("click", (ev) => {
        const item = ev.target.closest(".item");
        if (item) setFilters({ type: [item.dataset.type] });
      });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    legend.addTo(m);
  }

  async function loadMap(signal, fit) {
    const message = $("map-message");
    show(message, "Loading…");
    let body;
    try {
      body = await api("geojson", withParams({ limit: String(GEOJSON_LIMIT) }), signal);
    } catch (err) {
      if (isAbort(err)) return;
      replaceMarkers([]);
      $("map-total").textContent = "0";
      show(message, failure(err), { error: true });
      return;
    }
    const features = Array.isArray(body.features) ? body.features : [];
    const markers = [];
    for (const feature of features) {
      const p = feature.properties || {};
      const c = feature.geometry && feature.geometry.coordinates;
      if (!Array.isArray(c) || !Number.isFinite(c[0]) || !Number.isFinite(c[1])) continue;
      const marker = L.marker([c[1], c[0]], {
        icon: markerIcon(p.type, p.n_outlets), eventType: p.type, keyboard: true,
        title: `${p.type || ""}: ${p.trigger || ""}`,
      });
      marker.bindTooltip(() => el("div", {},
        el("strong", {}, `${p.type || "?"} `), p.trigger || "",
        el("div", {}, [p.date, p.place_name].filter(Boolean).join(" · ")),
        el("div", {}, [p.site, p.n_outlets > 1 ? plural(p.n_outlets, "outlet") : null].filter(Boolean).join(" · "))),
      { direction: "top", offset: [0, -6] });
      marker.on("click", () => openEvent(p.article_id, p.event_id));
      markers.push(marker);
    }
    replaceMarkers(markers);
    $("map-total").textContent = String(features.length);
    $("map-truncated").hidden = !body.truncated;
    if (!features.length) {
      show(message, "No event with a place matches these filters.");
    } else {
      show(message, "");
      if (fit || !map.loadedOnce) {
        const bounds = map.clusters.getBounds();
        if (bounds.isValid()) map.leaflet.fitBounds(bounds.pad(0.15), { maxZoom: 6 });
      }
      map.loadedOnce = true;
    }
  }

  function markOnMap(event) {
    map.selected.clearLayers();
    const place = event && event.place;
    if (!place || !Number.isFinite(place.lat) || !Number.isFinite(place.lon)) return;
    const at = L.latLng(place.lat, place.lon);
    L.circleMarker(at, {
      radius: 16, color: "#000", weight: 2.5, fill: false, interactive: false, className: "selected-ring",
    }).addTo(map.selected);
    if (!map.leaflet.getBounds().contains(at)) map.leaflet.panTo(at);
  }

  // ================================================================================================================
  // timeline
  // ================================================================================================================

  const DAY_MS = 86400000;
  const timeline = { data: null };

  const pad = (n, width = 2) => String(n).padStart(width, "0");
  const isoDay = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const parseDay = (s) => new Date(Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)));

  /** The Monday that starts ISO week `week` of ISO year `year`. */
  function isoWeekStart(year, week) {
    const jan4 = new Date(Date.UTC(year, 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY_MS);
    return new Date(monday.getTime() + (week - 1) * 7 * DAY_MS);
  }

  function isoWeek(date) {
    const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * DAY_MS);
    const year = thursday.getUTCFullYear();
    const week = 1 + Math.floor((thursday - isoWeekStart(year, 1)) / (7 * DAY_MS));
    return `${year}-W${pad(week)}`;
  }

  /** First and last day (UTC dates) of a period string of the given granularity, or null. */
  function periodRange(period, by) {
    let m;
    if (by === "day" && (m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period))) {
      const d = parseDay(period);
      return [d, d];
    }
    if (by === "week" && (m = /^(\d{4})-W(\d{1,2})$/.exec(period))) {
      const start = isoWeekStart(+m[1], +m[2]);
      return [start, new Date(start.getTime() + 6 * DAY_MS)];
    }
    if (by === "month" && (m = /^(\d{4})-(\d{2})$/.exec(period))) {
      return [new Date(Date.UTC(+m[1], +m[2] - 1, 1)), new Date(Date.UTC(+m[1], +m[2], 0))];
    }
    return null;
  }

  function periodOf(date, by) {
    if (by === "day") return isoDay(date);
    if (by === "week") return isoWeek(date);
    return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`;
  }

  /** Every period from the one holding `first` to the one holding `last` (at most `cap`, else null). */
  function periodsBetween(first, last, by, cap = 4000) {
    const out = [];
    let day = periodRange(periodOf(first, by), by)[0];
    while (day <= last) {
      const p = periodOf(day, by);
      out.push(p);
      if (out.length > cap) return null;
      day = new Date(periodRange(p, by)[1].getTime() + DAY_MS);
    }
    return out;
  }

  /** Day, week or month bars for a span of days. */
  const chooseBy = (days) => (days <= 120 ? "day" : days <= 740 ? "week" : "month");

  function sumByPeriod(body) {
    const counts = new Map();
    for (const item of body.items || []) {
      if (item && item.period != null) {
        const period = String(item.period);
        counts.set(period, (counts.get(period) || 0) + (Number(item.count) || 0));
      }
    }
    return counts;
  }

  async function loadTimeline(signal) {
    const message = $("timeline-message");
    show(message, "Loading…");
    const f = state.filters;
    const aggregate = (by) => api("aggregates", withParams({ by, group: "none" }), signal);
    let by;
    let counts;
    try {
      if (f.date_from && f.date_to) {
        by = chooseBy((parseDay(f.date_to) - parseDay(f.date_from)) / DAY_MS + 1);
        counts = sumByPeriod(await aggregate(by));
      } else {
        // Months first; finer bars when the events span only a few months.
        counts = sumByPeriod(await aggregate("month"));
        by = "month";
        const ranges = [...counts.keys()].map((p) => periodRange(p, "month")).filter(Boolean);
        if (ranges.length) {
          const first = new Date(Math.min(...ranges.map((r) => r[0])));
          const last = new Date(Math.max(...ranges.map((r) => r[1])));
          const finer = chooseBy((last - first) / DAY_MS + 1);
          if (finer !== "month") {
            by = finer;
            counts = sumByPeriod(await aggregate(by));
          }
        }
      }
    } catch (err) {
      if (isAbort(err)) return;
      timeline.data = null;
      $("timeline").replaceChildren();
      $("timeline-total").textContent = "0";
      show(message, failure(err), { error: true });
      return;
    }
    let total = 0;
    for (const n of counts.values()) total += n;
    $("timeline-total").textContent = String(total);
    $("timeline-by").textContent = by;
    timeline.data = { by, counts, periods: timelinePeriods(counts, by, f) };
    show(message, total ? "" : "No dated event matches these filters.");
    drawTimeline();
  }

  /** The bars' periods: every period from the first to the last (with the chosen dates), gaps included. */
  function timelinePeriods(counts, by, f) {
    const known = [...counts.keys()];
    const ranges = known.map((p) => periodRange(p, by)).filter(Boolean);
    if (ranges.length !== known.length) return known.sort(); // a period we cannot read: show the server's only
    const starts = ranges.map((r) => r[0].getTime());
    const ends = ranges.map((r) => r[1].getTime());
    if (f.date_from && ISO_DAY.test(f.date_from)) starts.push(parseDay(f.date_from).getTime());
    if (f.date_to && ISO_DAY.test(f.date_to)) ends.push(parseDay(f.date_to).getTime());
    if (!starts.length || !ends.length) return known.sort();
    return periodsBetween(new Date(Math.min(...starts)), new Date(Math.max(...ends)), by) || known.sort();
  }

  function periodLabel(period, by) {
    if (by === "day") return period.slice(5);
    return period;
  }

  function drawTimeline() {
    const box = $("timeline");
    const data = timeline.data;
    if (!data || !data.periods.length) {
      box.replaceChildren();
      return;
    }
    const width = Math.max(200, box.clientWidth);
    const height = Math.max(80, box.clientHeight);
    const margin = { left: 38, right: 8, top: 8, bottom: 20 };
    const innerW = width - margin.left - margin.right;
    const innerH = height - margin.top - margin.bottom;
    const n = data.periods.length;
    const step = innerW / n;
    const max = Math.max(1, ...data.counts.values());
    const y = (v) => margin.top + innerH - (v / max) * innerH;

    const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img",
      "aria-label": "Events per period; drag across the bars to choose dates" });
    const axis = svg("g", { class: "axis" });
    for (const v of niceTicks(max)) {
      axis.append(svg("line", { x1: margin.left, x2: width - margin.right, y1: y(v), y2: y(v) }),
        svg("text", { x: margin.left - 4, y: y(v) + 3, "text-anchor": "end" }, String(v)));
    }
    const every = Math.max(1, Math.ceil(n / Math.max(1, innerW / 64)));
    data.periods.forEach((p, i) => {
      if (i % every === 0) {
        const x = margin.left + i * step + step / 2;
        const anchor = x < margin.left + 30 ? "start" : x > width - margin.right - 30 ? "end" : "middle";
        const at = anchor === "start" ? Math.max(x - step / 2, margin.left)
          : anchor === "end" ? width - margin.right : x;
        axis.append(svg("text", { x: at, y: height - 5, "text-anchor": anchor }, periodLabel(p, data.by)));
      }
    });
    root.append(axis);
    const bars = svg("g", { class: "bars" });
    data.periods.forEach((p, i) => {
      const v = data.counts.get(p) || 0;
      if (!v) return;
      const gap = step > 4 ? 1 : 0;
      bars.append(svg("rect", {
        class: "bar", x: margin.left + i * step + gap / 2, y: y(v), width: Math.max(0.5, step - gap),
        height: margin.top + innerH - y(v), dataset: { period: p, count: v },
      }, svg("title", {}, `${p}: ${plural(v, "event")}`)));
    });
    root.append(bars);
    const brush = svg("rect", {
      class: "brush", x: 0, y: margin.top, width: 0, height: innerH, visibility: "hidden",
    });
    root.append(brush);
    wireBrush(root, brush, { margin, step, n, periods: data.periods, by: data.by });
    box.replaceChildren(root);
  }

  function niceTicks(max) {
    const raw = max / 3;
    const magnitude = 10 ** Math.floor(Math.log10(raw || 1));
    const unit = [1, 2, 5, 10].map((k) => k * magnitude).find((k) => k >= raw) || magnitude * 10;
    const ticks = [];
    for (let v = 0; v <= max; v += Math.max(1, Math.round(unit))) ticks.push(v);
    return ticks;
  }

  /** Drag across the bars to choose a date range (a click chooses one bar's period). */
  function wireBrush(root, brush, g) {
    let start = null;
    const toX = (ev) => {
      const rect = root.getBoundingClientRect();
      const vb = root.viewBox.baseVal;
      const x = ((ev.clientX - rect.left) / rect.width) * vb.width;
      return Math.min(g.margin.left + g.n * g.step, Math.max(g.margin.left, x));
    };
    const index = (x) => Math.min(g.n - 1, Math.max(0, Math.floor((x - g.margin.left) / g.step)));
    root.addEventListener("pointerdown", (ev) => {
      if (ev.button !== 0) return;
      start = toX(ev);
      root.setPointerCapture(ev.pointerId);
      brush.setAttribute("x", start);
      brush.setAttribute("width", 0);
      brush.setAttribute("visibility", "visible");
    });
    root.addEventListener("pointermove", (ev) => {
      if (start === null) return;
      const x = toX(ev);
      brush.setAttribute("x", Math.min(start, x));
      brush.setAttribute("width", Math.abs(x - start));
    });
    const finish = (ev, cancel) => {
      if (start === null) return;
      const x = toX(ev);
      const [a, b] = start <= x ? [start, x] : [x, start];
      start = null;
      brush.setAttribute("visibility", "hidden");
      if (cancel) return;
      const first = index(a);
      const last = Math.abs(b - a) < 3 ? first : index(b - 0.001);
      const from = periodRange(g.periods[first], g.by);
      const to = periodRange(g.periods[last], g.by);
      if (from && to) setFilters({ date_from: isoDay(from[0]), date_to: isoDay(to[1]) });
    };
    root.addEventListener("pointerup", (ev) => finish(ev, false));
    root.addEventListener("pointercancel", (ev) => finish(ev, true));
  }

  // ================================================================================================================
  // list
  // ================================================================================================================

  const list = { controller: null, selected: null };

  async function loadList(signal) {
    if (list.controller) list.controller.abort();
    list.controller = new AbortController();
    const own = list.controller.signal;
    if (signal) signal.addEventListener("abort", () => list.controller && list.controller.abort(), { once: true });
    const message = $("list-message");
    show(message, "Loading…");
    let body;
    try {
      body = await api("events", withParams({ sort: state.sort, page: String(state.page),
        page_size: String(PAGE_SIZE) }), own);
    } catch (err) {
      if (isAbort(err)) return;
      $("event-list").replaceChildren();
      $("list-count").textContent = "";
      pager(0);
      show(message, failure(err), { error: true });
      return;
    }
    const items = Array.isArray(body.items) ? body.items : [];
    const total = Number(body.total) || 0;
    $("list-count").textContent = plural(total, "event");
    $("event-list").replaceChildren(...items.map(eventRow));
    $("event-list").scrollTop = 0;
    pager(total);
    show(message, total ? "" : "No events match these filters.");
  }

  function eventRow(e) {
    const who = [];
    const source = actorNames(e.source);
    const target = actorNames(e.target);
    if (source || target) who.push(`${source || "?"} → ${target || "?"}`);
    const details = [];
    if (e.factuality && e.factuality !== "asserted") details.push(e.factuality);
    if (e.n_outlets > 1) details.push(plural(e.n_outlets, "outlet"));
    const selected = list.selected === `${e.article_id}\u0000${e.event_id}`;
    return el("li", {
      class: "event-row" + (selected ? " selected" : ""), tabindex: "0", role: "button",
      dataset: { article: e.article_id, event: e.event_id },
      title: e.evidence || "",
      onclick: () => openEvent(e.article_id, e.event_id),
      onkeydown: (ev) => {
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          openEvent(e.article_id, e.event_id);
        }
      },
    },
    typeBadge(e.type),
    el("span", { class: "trigger" }, e.trigger || "", e.mode ? el("span", { class: "sub" }, ` (${e.mode})`) : null),
    el("span", { class: "date" }, e.date || "no date"),
    el("span", { class: "who" },
      e.place ? el("span", { class: "place" }, placeLabel(e.place)) : "no place",
      who.length ? ` · ${who[0]}` : "",
      details.length ? ` · ${details.join(", ")}` : ""));
  }

  function pager(total) {
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    $("list-page").textContent = total ? `page ${state.page} of ${pages}` : "";
    $("list-prev").disabled = state.page <= 1;
    $("list-next").disabled = state.page >= pages;
  }

  function wireList() {
    $("list-prev").addEventListener("click", () => { state.page = Math.max(1, state.page - 1); loadList(); });
    $("list-next").addEventListener("click", () => { state.page += 1; loadList(); });
    $("list-sort").addEventListener("change", () => {
      state.sort = $("list-sort").value;
      state.page = 1;
      loadList();
    });
  }

  function markSelectedRow() {
    for (const row of $("event-list").querySelectorAll(".event-row")) {
      row.classList.toggle("selected", list.selected === `${row.dataset.article}\u0000${row.dataset.event}`);
    }
  }

  // ================================================================================================================
  // graph
  // ================================================================================================================

  /** A small deterministic pseudo-random generator (mulberry32). */
  function random(seed) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /**
   * Positions for the nodes in a width x height box (Fruchterman-Reingold): every pair repels, each edge pulls its
   * ends together (more for more events), a weak pull to the centre keeps lone actors in; the step shrinks over a
   * few hundred iterations. Deterministic: the start is a seeded spiral.
   */
  function forceLayout(nodes, edges, width, height, iterations = 300) {
    const rand = random(20240305);
    const n = nodes.length;
    const [cx, cy] = [width / 2, height / 2];
    const k = 0.75 * Math.sqrt((width * height) / Math.max(n, 1));
    const pos = nodes.map((_, i) => {
      const angle = i * 2.399963; // the golden angle: an even spiral
      const r = (Math.min(width, height) / 2.5) * Math.sqrt((i + 0.5) / n);
      return { x: cx + r * Math.cos(angle) + rand() - 0.5, y: cy + r * Math.sin(angle) + rand() - 0.5 };
    });
    const index = new Map(nodes.map((node, i) => [node.id, i]));
    const links = edges.map((e) => [index.get(e.source), index.get(e.target), 1 + Math.log1p(Number(e.events) || 0)])
      .filter(([a, b]) => a !== undefined && b !== undefined && a !== b);
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    // The pull to the centre that balances the repulsion of n nodes about an ellipse filling the box.
    const gx = (n * k * k) / (0.45 * width) ** 2;
    const gy = (n * k * k) / (0.45 * height) ** 2;
    for (let step = 0; step < iterations; step++) {
      const heat = (Math.min(width, height) / 8) * (1 - step / iterations) + 0.5;
      for (const d of disp) { d.x = 0; d.y = 0; }
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const dx = pos[i].x - pos[j].x;
          const dy = pos[i].y - pos[j].y;
          const d = Math.max(Math.hypot(dx, dy), 0.01);
          const f = (k * k) / d;
          disp[i].x += (dx / d) * f; disp[i].y += (dy / d) * f;
          disp[j].x -= (dx / d) * f; disp[j].y -= (dy / d) * f;
        }
      }
      for (const [a, b, w] of links) {
        const dx = pos[a].x - pos[b].x;
        const dy = pos[a].y - pos[b].y;
        const d = Math.max(Math.hypot(dx, dy), 0.01);
        const f = ((d * d) / k) * w;
        disp[a].x -= (dx / d) * f; disp[a].y -= (dy / d) * f;
        disp[b].x += (dx / d) * f; disp[b].y += (dy / d) * f;
      }
      for (let i = 0; i < n; i++) {
        disp[i].x += (cx - pos[i].x) * gx;
        disp[i].y += (cy - pos[i].y) * gy;
        const d = Math.max(Math.hypot(disp[i].x, disp[i].y), 0.01);
        const move = Math.min(d, heat);
        pos[i].x = Math.min(width, Math.max(0, pos[i].x + (disp[i].x / d) * move));
        pos[i].y = Math.min(height, Math.max(0, pos[i].y + (disp[i].y / d) * move));
      }
    }
    // Stretch a layout that came out small (a dense graph pulls itself together) to fill the box.
    for (const [axis, size] of [["x", width], ["y", height]]) {
      const values = pos.map((p) => p[axis]);
      const [lo, hi] = [Math.min(...values), Math.max(...values)];
      const scale = hi > lo ? Math.min(4, size / (hi - lo)) : 1;
      const shift = (size - (hi - lo) * scale) / 2;
      for (const p of pos) p[axis] = hi > lo ? shift + (p[axis] - lo) * scale : size / 2;
    }
    return pos;
  }

  async function loadGraph(signal) {
    const message = $("graph-message");
    show(message, "Loading…");
    let body;
    try {
      body = await api("graph", withParams({ limit: String(GRAPH_LIMIT) }), signal);
    } catch (err) {
      if (isAbort(err)) return;
      $("graph").replaceChildren();
      $("graph-count").textContent = "";
      show(message, failure(err), { error: true });
      return;
    }
    const nodes = (body.nodes || []).filter((node) => node && node.id != null);
    const ids = new Set(nodes.map((node) => node.id));
    const edges = (body.edges || [])
      .filter((e) => e && ids.has(e.source) && ids.has(e.target) && e.source !== e.target);
    for (const node of nodes) if (node.name) state.actorNames.set(node.id, node.name);
    if (state.filters.actor && state.actorNames.has(state.filters.actor)) {
      $("actor-name").textContent = state.actorNames.get(state.filters.actor);
    }
    $("graph-count").textContent = nodes.length
      ? `${plural(nodes.length, "actor")}, ${plural(edges.length, "link")}` : "";
    show(message, nodes.length ? "" : "No actors in the events that match these filters.");
    drawGraph(nodes, edges);
  }

  function drawGraph(nodes, edges) {
    const box = $("graph");
    if (!nodes.length) {
      box.replaceChildren();
      $("graph-legend").replaceChildren();
      return;
    }
    const width = Math.max(240, box.clientWidth);
    const height = Math.max(200, box.clientHeight);
    // Lay out in the box less a margin for the circles and the labels on their right.
    const margin = { left: 24, right: 24, top: 20, bottom: 20 };
    const pos = forceLayout(nodes, edges, width - margin.left - margin.right, height - margin.top - margin.bottom);
    const at = (i) => [margin.left + pos[i].x, margin.top + pos[i].y];
    const maxEvents = Math.max(1, ...nodes.map((node) => Number(node.events) || 0));
    const maxEdge = Math.max(1, ...edges.map((e) => Number(e.events) || 0));
    const radius = nodes.map((node) => 4 + 13 * Math.sqrt((Number(node.events) || 0) / maxEvents));
    const index = new Map(nodes.map((node, i) => [node.id, i]));
    const name = (node) => node.name || node.id;

    const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img",
      "aria-label": "Actors (circles, by number of events) and who acts on whom (arrows)" });
    const edgeLayer = svg("g", { class: "edges" });
    const pairs = new Set(edges.map((e) => `${e.source}\u0000${e.target}`));
    for (const e of edges) {
      const a = index.get(e.source);
      const b = index.get(e.target);
      const [x1, y1] = at(a);
      const [x2, y2] = at(b);
      const d = Math.max(Math.hypot(x2 - x1, y2 - y1), 0.01);
      const ux = (x2 - x1) / d;
      const uy = (y2 - y1) / d;
      // Curve both ways of a pair apart; end at the target's rim.
      const bend = pairs.has(`${e.target}\u0000${e.source}`) ? 0.18 : 0.06;
      const mx = (x1 + x2) / 2 - uy * d * bend;
      const my = (y1 + y2) / 2 + ux * d * bend;
      const tx = x2 - ((x2 - mx) / Math.hypot(x2 - mx, y2 - my)) * (radius[b] + 2);
      const ty = y2 - ((y2 - my) / Math.hypot(x2 - mx, y2 - my)) * (radius[b] + 2);
      const w = 1 + 5 * Math.sqrt((Number(e.events) || 0) / maxEdge);
      const types = Object.entries(e.types || {}).sort((p, q) => q[1] - p[1]);
      const color = types.length ? typeColor(types[0][0]) : OTHER_COLOR;
      // Arrowhead along the curve's last direction.
      const hx = tx - mx;
      const hy = ty - my;
      const hd = Math.max(Math.hypot(hx, hy), 0.01);
      const size = 4 + w;
      const bx = tx - (hx / hd) * size;
      const by = ty - (hy / hd) * size;
      const px = (-hy / hd) * size * 0.5;
      const py = (hx / hd) * size * 0.5;
      const title = `${name(nodes[a])} → ${name(nodes[b])}: ${plural(Number(e.events) || 0, "event")}` +
        (types.length ? ` (${types.map(([t, k]) => `${t} ${k}`).join(", ")})` : "");
      edgeLayer.append(svg("g", { class: "link", dataset: { source: e.source, target: e.target } },
        svg("path", { class: "edge", d: `M${x1},${y1} Q${mx},${my} ${bx},${by}`, stroke: color, "stroke-width": w }),
        svg("path", {
          d: `M${tx},${ty} L${bx + px},${by + py} L${bx - px},${by - py} Z`, fill: color, "fill-opacity": 0.8,
        }),
        svg("title", {}, title)));
    }
    root.append(edgeLayer);
    // Labels for the actors with most events first, each only where it overlaps no label already placed.
    const placed = [];
    const labelled = new Map(); // node index -> label on the left
    for (const i of [...nodes.keys()].sort((p, q) => (nodes[q].events || 0) - (nodes[p].events || 0))) {
      const [x, y] = at(i);
      const text = name(nodes[i]);
      const w = Math.min(text.length, 24) * 5.6;
      const left = x + radius[i] + 4 + w > width; // near the right edge: the label goes on the left
      const x0 = left ? x - radius[i] - 4 - w : x + radius[i] + 2;
      const r = { x0, x1: x0 + w + 2, y0: y - 7, y1: y + 6, left };
      if (placed.some((o) => r.x0 < o.x1 && o.x0 < r.x1 && r.y0 < o.y1 && o.y0 < r.y1)) continue;
      placed.push(r);
      labelled.set(i, r.left);
    }
    const nodeLayer = svg("g", { class: "nodes" });
    const labelLayer = svg("g", { class: "labels" }); // above every circle
    nodes.forEach((node, i) => {
      const [x, y] = at(i);
      const label = name(node).length > 24 ? name(node).slice(0, 23) + "…" : name(node);
      const what = [node.kind, node.country].filter(Boolean).join(", ");
      const about = `${name(node)}${what ? ` (${what})` : ""}: ${plural(Number(node.events) || 0, "event")}. ` +
        "Click to filter by this actor.";
      const choose = () => {
        state.actorNames.set(node.id, name(node));
        setFilters({ actor: node.id });
      };
      nodeLayer.append(svg("g", {
        class: "node" + (node.id === state.filters.actor ? " active" : ""), tabindex: "0", role: "button",
        "aria-label": about, dataset: { actor: node.id },
        onclick: choose,
        onkeydown: (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); choose(); } },
      },
      svg("circle", { cx: x, cy: y, r: radius[i], fill: ACTOR_KIND_COLORS[node.kind] || OTHER_COLOR }),
      svg("title", {}, about)));
      if (labelled.has(i)) {
        const left = labelled.get(i);
        labelLayer.append(svg("text", {
          class: "label", x: left ? x - radius[i] - 3 : x + radius[i] + 3, y: y + 3,
          "text-anchor": left ? "end" : null,
          dataset: { actor: node.id }, onclick: choose,
        }, label, svg("title", {}, about)));
      }
    });
    root.append(nodeLayer, labelLayer);
    box.replaceChildren(root);
    const byColor = new Map(); // colour -> the kinds shown in it
    for (const node of nodes) {
      const kind = ACTOR_KIND_COLORS[node.kind] ? node.kind : "other";
      const color = ACTOR_KIND_COLORS[kind] || OTHER_COLOR;
      if (!byColor.has(color)) byColor.set(color, new Set());
      byColor.get(color).add(kind);
    }
    $("graph-legend").replaceChildren(...[...byColor].map(([color, kinds]) => el("span", { class: "item" },
      el("span", { class: "swatch", style: { background: color } }), [...kinds].join(" / "))));
  }

  // ================================================================================================================
  // panel
  // ================================================================================================================

  const panel = { controller: null, current: null };

  async function openEvent(articleId, eventId) {
    if (articleId == null || eventId == null) return;
    if (panel.controller) panel.controller.abort();
    panel.controller = new AbortController();
    list.selected = `${articleId}\u0000${eventId}`;
    markSelectedRow();
    const message = $("panel-message");
    show(message, "Loading the event…");
    $("panel-close").hidden = false;
    history.replaceState(null, "", location.pathname + location.search +
      `#event=${encodeURIComponent(articleId)}/${encodeURIComponent(eventId)}`);
    let event;
    try {
      event = await api(`events/${encodeURIComponent(articleId)}/${encodeURIComponent(eventId)}`, null,
        panel.controller.signal);
    } catch (err) {
      if (isAbort(err)) return;
      $("panel-body").hidden = true;
      const missing = `Event ${eventId} of article ${articleId} is not in the store.`;
      show(message, err.status === 404 ? missing : failure(err), { error: true });
      return;
    }
    panel.current = event;
    show(message, "");
    renderPanel(event);
    markOnMap(event);
  }

  function closePanel() {
    if (panel.controller) panel.controller.abort();
    panel.current = null;
    list.selected = null;
    markSelectedRow();
    map.selected.clearLayers();
    $("panel-body").hidden = true;
    $("panel-close").hidden = true;
    show($("panel-message"), "Click an event on the map, in the list or in a report to read it in its article.");
    history.replaceState(null, "", location.pathname + location.search);
  }

  function renderPanel(e) {
    const article = e.article || {};
    $("article-title").textContent = article.title || e.article_title || "(no title)";
    $("article-site").textContent = article.site || e.site || "";
    $("article-date").textContent = shortTime(article.published || e.published);
    const link = $("article-url");
    const url = typeof article.url === "string" && /^https?:\/\//i.test(article.url) ? article.url : "";
    link.hidden = !url;
    if (url) link.href = url; else link.removeAttribute("href");

    const facts = [
      ["Type", [typeBadge(e.type), e.mode ? ` ${e.mode}` : ""]],
      ["Trigger", e.trigger],
      ["Source", actorNames(e.source)],
      ["Target", actorNames(e.target)],
      ["Place", placeLabel(e.place)],
      ["Date", e.date ? `${e.date}${e.date_granularity ? ` (${e.date_granularity})` : ""}` : ""],
      ["Factuality", e.factuality],
      ["Speaker", e.speaker ? e.speaker.text || e.speaker.actor : ""],
      ["Medium", e.medium],
      ["Confidence", typeof e.confidence === "number" ? e.confidence.toFixed(2) : ""],
      ["Reported by",
        `${plural(Number(e.n_outlets) || 1, "outlet")}, ${plural(Number(e.n_articles) || 1, "article")}`],
    ];
    $("event-facts").replaceChildren(...facts.filter(([, v]) => v && (!Array.isArray(v) || v.length))
      .flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));

    const text = typeof article.text === "string" ? article.text : "";
    const spans = Array.isArray(e.spans) ? e.spans : [];
    const box = $("event-text");
    const offsets = highlight(box, text || e.evidence || "", text ? spans : []);
    renderLegend(spans);
    renderMentions(e, offsets);
    renderCasualties(e, offsets);
    renderReports(e);

    $("panel-body").hidden = false;
    $("panel-body").scrollTop = 0;
    const trigger = box.querySelector("mark.span-trigger");
    if (trigger) scrollInto(box, trigger);
    else box.scrollTop = 0;
  }

  /** Scroll the text box (only it, not the page) so that `mark` is in its middle. */
  function scrollInto(box, mark) {
    const top = mark.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    box.scrollTop = Math.max(0, top - box.clientHeight / 2);
  }

  /**
   * Fill `box` with `text`, each evidence span wrapped in <mark class="span-KIND" data-kind="KIND">. Spans may
   * overlap or nest: the text is cut at every span boundary and each piece gets the classes of every span covering
   * it; its colour (data-kind) is the innermost span's kind (the shortest; ties by SPAN_KINDS order). Offsets are
   * the server's (Python's) character offsets, i.e. code points; UTF-16 offsets are used instead only when they fit
   * the spans' texts better. Returns a function from a character offset to the piece element holding it.
   */
  function highlight(box, text, spans) {
    const codePoints = Array.from(text);
    const byCodePoint = codePoints.length !== text.length && fits(spans, (s, t) => codePoints.slice(s, t).join(""))
      >= fits(spans, (s, t) => text.slice(s, t));
    const units = byCodePoint ? codePoints : null;
    const length = byCodePoint ? codePoints.length : text.length;
    const slice = (s, t) => (byCodePoint ? units.slice(s, t).join("") : text.slice(s, t));

    const valid = spans.filter((s) => s && Number.isInteger(s.start) && Number.isInteger(s.end) &&
      s.start >= 0 && s.end > s.start && s.start < length).map((s, order) => ({
      kind: /^[a-z][a-z0-9_-]*$/.test(String(s.kind)) ? String(s.kind) : "other",
      start: s.start, end: Math.min(s.end, length), order,
    }));
    const cuts = new Set([0, length]);
    for (const s of valid) { cuts.add(s.start); cuts.add(s.end); }
    const bounds = [...cuts].sort((a, b) => a - b);
    const rank = (kind) => { const i = SPAN_KINDS.indexOf(kind); return i < 0 ? SPAN_KINDS.length : i; };
    const fragment = document.createDocumentFragment();
    const pieces = [];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const [a, b] = [bounds[i], bounds[i + 1]];
      const piece = slice(a, b);
      const covering = valid.filter((s) => s.start <= a && s.end >= b);
      if (!covering.length) {
        fragment.append(document.createTextNode(piece));
        continue;
      }
      covering.sort((s, t) => (s.end - s.start) - (t.end - t.start) || rank(s.kind) - rank(t.kind)
        || s.order - t.order);
      const kinds = [...new Set(covering.map((s) => s.kind))];
      const primary = SPAN_KINDS.includes(covering[0].kind) ? covering[0].kind : "other";
      const mark = el("mark", {
        class: kinds.map((k) => `span-${k}`).join(" ") + (covering.length > 1 ? " nested" : ""),
        dataset: { kind: primary, kinds: kinds.join(" "), start: a, end: b },
        title: kinds.map((k) => SPAN_LABELS[k] || k).join(" + "),
      }, piece);
      fragment.append(mark);
      pieces.push([a, b, mark]);
    }
    box.replaceChildren(fragment);
    box.scrollTop = 0;
    return (offset) => {
      const hit = pieces.find(([a, b]) => a <= offset && offset < b) || pieces.find(([a]) => a >= offset);
      return hit ? hit[2] : null;
    };
  }

  function fits(spans, cut) {
    let n = 0;
    for (const s of spans) {
      if (s && typeof s.text === "string" && Number.isInteger(s.start) && cut(s.start, s.end) === s.text) n++;
    }
    return n;
  }

  function renderLegend(spans) {
    const present = new Set(spans.map((s) => s && s.kind));
    const kinds = ["trigger", "source", "target", "place", "date", "speaker", "medium", "quote",
      ...["mention", "factuality"].filter((k) => present.has(k))];
    $("span-legend").replaceChildren(...kinds.map((k) => el("span", {
      class: "legend-key", dataset: { key: k }, title: present.has(k) ? "" : "not found in this article",
      style: present.has(k) ? {} : { opacity: "0.45" },
    }, SPAN_LABELS[k])));
  }

  function flash(box, mark) {
    if (!mark) return;
    scrollInto(box, mark);
    mark.classList.remove("flash");
    void mark.getBoundingClientRect();
    mark.classList.add("flash");
  }

  function renderMentions(e, pieceAt) {
    const box = $("event-text");
    const mentions = Array.isArray(e.mentions) ? e.mentions : [];
    const items = mentions.map((m) => {
      const here = Number.isInteger(m.start);
      const elsewhere = m.article_id && m.event_id && (m.article_id !== e.article_id || m.event_id !== e.event_id);
      const isTrigger = here && (e.spans || []).some((s) => s.kind === "trigger" && s.start === m.start);
      return el("li", {
        class: "clickable", tabindex: "0", role: "button",
        onclick: () => (elsewhere ? openEvent(m.article_id, m.event_id) : here && flash(box, pieceAt(m.start))),
      }, `“${m.text || m.trigger || "?"}”`, el("span", { class: "sub" },
        isTrigger ? " this event's trigger" : here ? ` at character ${m.start}`
          : elsewhere ? ` ${m.site || m.article_id}` : ""));
    });
    $("event-mentions").replaceChildren(...(items.length ? items :
      [el("li", { class: "empty" }, "Only the trigger above.")]));
  }

  function renderCasualties(e, pieceAt) {
    const box = $("event-text");
    const rows = Array.isArray(e.casualties) ? e.casualties : [];
    $("casualties-block").hidden = !rows.length;
    $("event-casualties").replaceChildren(...rows.map((c) => {
      const count = c.low == null ? "" : c.high != null && c.high !== c.low ? `${c.low}–${c.high}` : String(c.low);
      const text = [c.kind, count, c.qualifier, c.who]
        .filter((x) => x !== null && x !== undefined && x !== "").join(" ");
      return el("li", {
        class: Number.isInteger(c.span_start) ? "clickable" : "",
        onclick: () => Number.isInteger(c.span_start) && flash(box, pieceAt(c.span_start)),
      }, text || JSON.stringify(c), c.span_text ? el("span", { class: "sub" }, ` “${c.span_text}”`) : null);
    }));
  }

  function renderReports(e) {
    const reports = Array.isArray(e.reports) ? e.reports : [];
    $("event-reports").replaceChildren(...(reports.length ? reports.map((r) => el("li", {
      class: "clickable", tabindex: "0", role: "button", dataset: { article: r.article_id, event: r.event_id },
      onclick: () => openEvent(r.article_id, r.event_id),
      onkeydown: (ev) => { if (ev.key === "Enter") openEvent(r.article_id, r.event_id); },
    },
    el("strong", {}, r.site || "?"), " ", r.article_title || "(no title)",
    el("span", { class: "sub" },
      ` · ${[r.date, `“${r.trigger || ""}”`, r.factuality].filter(Boolean).join(" · ")}`)))
      : [el("li", { class: "empty" }, "No other article reports it.")]));
  }

  function openFromHash() {
    const m = /^#event=([^/]+)\/(.+)$/.exec(location.hash);
    if (!m) return;
    try {
      openEvent(decodeURIComponent(m[1]), decodeURIComponent(m[2]));
    } catch (err) {
      // a malformed address: nothing to open
    }
  }

  // ================================================================================================================
  // start
  // ================================================================================================================

  function start() {
    state.filters = filtersFromQuery(location.search);
    filtersToForm(state.filters);
    const problem = invalid(state.filters);
    if (problem) {
      show($("filter-message"), problem + " The filter was left out.", { error: true });
      state.filters = emptyFilters();
      filtersToForm(state.filters);
    }
    initMap();
    wireFilters();
    wireList();
    $("panel-close").addEventListener("click", closePanel);
    window.addEventListener("hashchange", openFromHash);
    new ResizeObserver(debounce(drawTimeline, 100)).observe($("timeline"));
    loadTypes();
    loadWorld();
    if (state.filters.actor) nameActor(state.filters.actor);
    reloadAll();
    openFromHash();
  }

  if (typeof L === "undefined") {
    document.addEventListener("DOMContentLoaded", () => {
      show($("filter-message"), "The map library (vendor/leaflet) is missing: run scripts/vendor_web.py.",
        { error: true });
    });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
