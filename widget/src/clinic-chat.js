/*
 * Clinic chat widget: a small, accessible chat panel that talks to the clinic's Rasa
 * assistant over Rasa's socket.io channel.
 *
 * Embedding (every option is optional; see DEFAULTS and DEFAULT_COLORS):
 *   <script>window.ClinicChat = {serverUrl: "https://assistant.example",
 *           clinicName: "Riverside Joint Pain Clinic", colors: {primary: "#0b5cad"}}</script>
 *   <script src="/path/to/clinic-chat.js"></script>
 *
 * Security: message content is only ever put into the page with textContent /
 * createTextNode and DOM-built <a> elements; never with innerHTML.
 *
 * What the browser keeps (see docs/widget.md): the session id and its secret, and the
 * transcript with the messages not yet sent, in localStorage (or sessionStorage when
 * `storage: "session"`), for `retentionHours` after the last message; "End chat" clears
 * all of it. Tabs of one site share the conversation: the stored transcript is the one
 * source of truth, every tab merges its changes into it by message id, and the other tabs
 * follow through the browser's storage event.
 */
import { io } from "socket.io-client";

const DEFAULTS = {
  serverUrl: "http://127.0.0.1:5005",
  socketPath: "/socket.io/",
  title: "Ask our clinic",
  clinicName: "",
  subtitle: "Virtual assistant - general information, not a diagnosis",
  avatarUrl: "",
  placeholder: "Type your message",
  launcherLabel: "Ask our clinic",
  welcome: "Hello! I can answer questions about joint and back pain, or help you book a consultation.",
  // Questions the clinic's FAQ answers (their `metadata.question` in data/faq/).
  suggestions: ["What causes back pain?", "What is sciatica?", "When should I see a specialist?"],
  emergencyNumber: "",
  storage: "local",
  retentionHours: 24,
  storagePrefix: "clinic-chat",
  maxStoredMessages: 200,
  sendTimeoutMs: 30000,
  darkMode: true,
  colors: {},
  darkColors: {},
};

// Every colour the widget paints with. Text colours meet 4.5:1 on their backgrounds, and
// borders that set a shape apart 3:1, in both themes.
const DEFAULT_COLORS = {
  primary: "#0b5cad",
  primaryText: "#ffffff",
  background: "#ffffff",
  text: "#1b1f24",
  muted: "#4a5360",
  border: "#6b7582",
  divider: "#d5dae0",
  botBubble: "#eef2f7",
  botBorder: "#7b8794",
  botText: "#1b1f24",
  userBubble: "#0b5cad",
  userText: "#ffffff",
  chipBackground: "#ffffff",
  chipText: "#0b5cad",
  chosen: "#0b5cad",
  chosenText: "#ffffff",
  disabledBackground: "#f1f3f5",
  disabledText: "#545d69",
  disabledBorder: "#b4bcc6",
  focus: "#0b5cad",
  statusBackground: "#fff4d6",
  statusText: "#3d2e00",
  alertBackground: "#fdecea",
  alertBorder: "#b3261e",
  alertText: "#5c110c",
  callBackground: "#b3261e",
  callText: "#ffffff",
  shadow: "rgba(0, 0, 0, 0.25)",
};

const DEFAULT_DARK_COLORS = {
  primary: "#8cc4ff",
  primaryText: "#0a1a2c",
  background: "#16191d",
  text: "#e9ecef",
  muted: "#b1bac4",
  border: "#8d97a3",
  divider: "#353c44",
  botBubble: "#242a31",
  botBorder: "#7f8b98",
  botText: "#e9ecef",
  userBubble: "#8cc4ff",
  userText: "#0a1a2c",
  chipBackground: "#16191d",
  chipText: "#8cc4ff",
  chosen: "#8cc4ff",
  chosenText: "#0a1a2c",
  disabledBackground: "#1f2329",
  disabledText: "#aab3bd",
  disabledBorder: "#4d5560",
  focus: "#8cc4ff",
  statusBackground: "#3a3000",
  statusText: "#ffe9a8",
  alertBackground: "#3a1412",
  alertBorder: "#ff8a80",
  alertText: "#ffdad6",
  callBackground: "#ffb4ab",
  callText: "#3a0906",
  shadow: "rgba(0, 0, 0, 0.6)",
};

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;
const PHONE_NUMBER = /^\+?[0-9][0-9 ()-]{0,19}$/;
// A phone number written for people in the assistant's replies ("020 7946 0000", the
// "116 123" helpline), tappable like the emergency number; not a patient's own number,
// which replies show as +44... .
const PHONE_IN_REPLY = /(?<![\w+])(?:0\d{2,4}(?: \d{3,4}){1,2}|116 123)(?![\w])/g;
// A booking reference, kept on one line on a narrow screen ("JPC-" alone at a line end).
const REFERENCE_IN_REPLY = /\bJPC-[A-Z0-9]{6}\b/g;
// The longest message the assistant reads whole (channels/safety_net.py MAX_MESSAGE_CHARS).
const MAX_MESSAGE_CHARS = 2000;
const TOO_LONG_STATUS =
  "That's as long as one message can be. Please send this part, then the rest in another message.";
const HOUR_MS = 3600 * 1000;
const FRESH_MS = 15 * 1000;

// `chosen` of a button group the conversation moved past without a click.
const EXPIRED = -1;

/** A random, unguessable id. */
function randomId() {
  if (window.crypto && typeof window.crypto.randomUUID === "function") {
    return window.crypto.randomUUID();
  }
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Storage that never throws (private mode, disabled storage, full quota). */
function safeStorage(kind) {
  let store = null;
  try {
    store = window[kind];
    const probe = "__clinic_chat_probe__";
    store.setItem(probe, "1");
    store.removeItem(probe);
  } catch (_error) {
    store = null;
  }
  const memory = new Map();
  return {
    persistent: Boolean(store),
    get(key) {
      try {
        return store ? store.getItem(key) : memory.get(key) ?? null;
      } catch (_error) {
        return null;
      }
    },
    set(key, value) {
      try {
        if (store) store.setItem(key, value);
        else memory.set(key, value);
      } catch (_error) {
        /* quota: keep going without persistence */
      }
    },
    remove(key) {
      try {
        if (store) store.removeItem(key);
        memory.delete(key);
      } catch (_error) {
        /* nothing to remove */
      }
    },
  };
}

function el(tag, attrs, children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "text") node.textContent = String(value);
      else if (name === "className") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    }
  }
  for (const child of children || []) node.appendChild(child);
  return node;
}

/** Text with http(s) URLs turned into links, built from text nodes and <a> elements only. */
/** Text with the phone numbers a reply gives made tappable and its references unbroken. */
function replyTextFragment(text) {
  const fragment = document.createDocumentFragment();
  const pattern = new RegExp(`${PHONE_IN_REPLY.source}|${REFERENCE_IN_REPLY.source}`, "g");
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    if (start > last) fragment.appendChild(document.createTextNode(text.slice(last, start)));
    const found = match[0];
    if (found.startsWith("JPC-")) {
      fragment.appendChild(el("span", { className: "cc-nowrap", text: found }));
    } else {
      const link = document.createElement("a");
      link.href = `tel:${found.replace(/[^0-9+]/g, "")}`;
      link.className = "cc-tel";
      link.textContent = found;
      fragment.appendChild(link);
    }
    last = start + found.length;
  }
  if (last < text.length) fragment.appendChild(document.createTextNode(text.slice(last)));
  return fragment;
}

function linkifiedFragment(text, reply = false) {
  const fragment = document.createDocumentFragment();
  const plain = (part) =>
    fragment.appendChild(reply ? replyTextFragment(part) : document.createTextNode(part));
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let url = match[0];
    const trailing = url.match(TRAILING_PUNCTUATION);
    if (trailing) url = url.slice(0, url.length - trailing[0].length);
    if (!url) continue;
    const start = match.index;
    if (start > last) plain(text.slice(last, start));
    let safe = null;
    try {
      const parsed = new URL(url);
      if (parsed.protocol === "http:" || parsed.protocol === "https:") safe = parsed.href;
    } catch (_error) {
      safe = null;
    }
    if (safe) {
      const link = document.createElement("a");
      link.href = safe;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.textContent = url;
      fragment.appendChild(link);
    } else {
      fragment.appendChild(document.createTextNode(url));
    }
    last = start + url.length;
  }
  if (last < text.length) plain(text.slice(last));
  return fragment;
}

/** A phone number as shown, or null when it is not a plain phone number. */
function phoneNumber(value) {
  return typeof value === "string" && PHONE_NUMBER.test(value.trim()) ? value.trim() : null;
}

function cssVariables(colors) {
  return Object.entries(colors)
    .map(([name, value]) => `--cc-${name}: ${value};`)
    .join(" ");
}

function css(light, dark) {
  // Only configuration values (colours, validated as CSS colours first) are interpolated
  // here, never message content. Every colour below is one of them.
  return `
#cc-root { ${cssVariables(light)} }
${dark ? `@media (prefers-color-scheme: dark) { #cc-root { ${cssVariables(dark)} } }` : ""}
#cc-root, #cc-root * { box-sizing: border-box; }
#cc-root { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000;
  font: 15px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue",
    "Noto Sans", "Liberation Sans", Arial, sans-serif;
  color: var(--cc-text); -webkit-font-smoothing: antialiased; }
#cc-root button, #cc-root input { font: inherit; }
#cc-root :focus { outline: none; }
#cc-root :focus-visible { outline: 3px solid var(--cc-focus); outline-offset: 2px; }
.cc-launcher { display: inline-flex; align-items: center; gap: 8px; border: 0; border-radius: 999px;
  padding: 12px 18px; background: var(--cc-primary); color: var(--cc-primaryText); cursor: pointer;
  box-shadow: 0 4px 14px var(--cc-shadow); font-weight: 600; min-height: 48px; }
.cc-launcher svg { width: 20px; height: 20px; flex: none; }
.cc-launcher[aria-expanded="true"] { display: none; }
.cc-panel { display: flex; flex-direction: column; width: 380px; max-width: calc(100vw - 32px);
  height: 580px; max-height: calc(100vh - 32px); background: var(--cc-background);
  border-radius: 14px; box-shadow: 0 10px 34px var(--cc-shadow); overflow: hidden;
  transform-origin: bottom right; }
.cc-panel[hidden] { display: none; }
.cc-panel.cc-entering { animation: cc-in .18s ease-out; }
.cc-panel.cc-leaving { animation: cc-out .14s ease-in forwards; }
@keyframes cc-in { from { opacity: 0; transform: translateY(12px) scale(.98); } }
@keyframes cc-out { to { opacity: 0; transform: translateY(12px) scale(.98); } }
.cc-header { display: flex; align-items: center; gap: 10px; padding: 10px 8px 10px 14px;
  background: var(--cc-primary); color: var(--cc-primaryText); }
.cc-avatar { flex: none; width: 36px; height: 36px; border-radius: 50%; object-fit: cover;
  display: inline-flex; align-items: center; justify-content: center; font-weight: 700;
  font-size: 14px; background: var(--cc-primaryText); color: var(--cc-primary); }
.cc-heading { flex: 1; min-width: 0; }
.cc-header h2 { margin: 0; font-size: 16px; line-height: 1.3; color: var(--cc-primaryText);
  font-family: inherit; font-weight: 700; }
.cc-header p { margin: 1px 0 0; font-size: 12.5px; line-height: 1.35; color: var(--cc-primaryText); }
.cc-header-button { flex: none; border: 0; background: transparent; color: var(--cc-primaryText);
  cursor: pointer; border-radius: 8px; min-width: 44px; min-height: 44px; padding: 6px 8px; }
.cc-end[hidden] { display: none; }
.cc-end { font-size: 13px; font-weight: 600; text-decoration: underline; text-underline-offset: 3px; }
.cc-close { font-size: 24px; line-height: 1; }
.cc-header :focus-visible { outline-color: var(--cc-primaryText); outline-offset: -3px; }
.cc-status { margin: 0; padding: 4px 14px; font-size: 13px; background: var(--cc-statusBackground);
  color: var(--cc-statusText); }
.cc-status:empty { display: none; }
.cc-confirm { padding: 10px 14px; border-bottom: 1px solid var(--cc-divider); display: flex;
  flex-wrap: wrap; align-items: center; gap: 8px; font-size: 14px; }
.cc-confirm[hidden] { display: none; }
.cc-confirm p { margin: 0; flex-basis: 100%; }
.cc-log { flex: 1; overflow-y: auto; padding: 14px 12px; display: flex; flex-direction: column;
  gap: 10px; overscroll-behavior: contain; }
.cc-item { display: flex; flex-direction: column; gap: 4px; max-width: 88%; }
.cc-item-bot { align-self: flex-start; }
.cc-item-user { align-self: flex-end; align-items: flex-end; }
.cc-msg { padding: 9px 13px; border-radius: 16px; white-space: pre-wrap; overflow-wrap: anywhere; }
.cc-msg-bot, .cc-welcome-text { background: var(--cc-botBubble); color: var(--cc-botText);
  border: 1px solid var(--cc-botBorder); border-bottom-left-radius: 4px; }
.cc-msg-user { background: var(--cc-userBubble); color: var(--cc-userText);
  border: 1px solid var(--cc-userBubble); border-bottom-right-radius: 4px; }
.cc-pending .cc-msg-user { border-style: dashed; }
.cc-msg a { color: inherit; text-decoration: underline; }
.cc-nowrap { white-space: nowrap; }
.cc-msg.cc-alert { background: var(--cc-alertBackground); color: var(--cc-alertText);
  border: 2px solid var(--cc-alertBorder); border-left-width: 6px; border-radius: 10px; }
.cc-alert-title { display: block; font-weight: 700; margin-bottom: 2px; }
#cc-root .cc-call { display: inline-flex; align-items: center; margin-top: 8px; padding: 8px 14px;
  min-height: 44px; border-radius: 999px; background: var(--cc-callBackground);
  color: var(--cc-callText); font-weight: 700; text-decoration: none; }
.cc-meta { font-size: 12px; color: var(--cc-muted); display: flex; align-items: center; gap: 6px;
  padding: 0 4px; }
.cc-meta:empty { display: none; }
.cc-failed .cc-state { color: var(--cc-alertBorder); font-weight: 600; }
.cc-retry { border: 1px solid var(--cc-border); background: var(--cc-background);
  color: var(--cc-text); border-radius: 999px; padding: 2px 10px; min-height: 28px; cursor: pointer;
  font-size: 12px; }
.cc-sr { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0,0,0,0); white-space: nowrap; border: 0; }
.cc-buttons { display: flex; flex-wrap: wrap; gap: 6px; max-width: 100%; }
.cc-button { border: 1.5px solid var(--cc-chipText); background: var(--cc-chipBackground);
  color: var(--cc-chipText); border-radius: 999px; padding: 6px 14px; cursor: pointer;
  min-height: 36px; text-align: center; max-width: 100%; white-space: normal; line-height: 1.3; }
@media (hover: hover) {
  .cc-button:hover:not(:disabled) { background: var(--cc-chipText); color: var(--cc-chipBackground); }
}
.cc-button:disabled { cursor: default; border-color: var(--cc-disabledBorder);
  color: var(--cc-disabledText); background: var(--cc-disabledBackground); }
.cc-button.cc-chosen:disabled { border-color: var(--cc-chosen); background: var(--cc-chosen);
  color: var(--cc-chosenText); font-weight: 600; }
.cc-button.cc-chosen::before { content: "\\2713  "; }
.cc-welcome { display: flex; flex-direction: column; gap: 8px; align-self: flex-start; max-width: 88%; }
.cc-welcome-text { margin: 0; padding: 9px 13px; border-radius: 16px; border-bottom-left-radius: 4px; }
.cc-welcome .cc-buttons[hidden] { display: none; }
.cc-typing { align-self: flex-start; display: inline-flex; gap: 4px; padding: 12px 14px;
  background: var(--cc-botBubble); border: 1px solid var(--cc-botBorder); border-radius: 16px; }
.cc-typing[hidden] { display: none; }
.cc-typing span { width: 7px; height: 7px; border-radius: 50%; background: var(--cc-muted);
  animation: cc-blink 1.2s infinite ease-in-out; }
.cc-typing span:nth-child(2) { animation-delay: .2s; }
.cc-typing span:nth-child(3) { animation-delay: .4s; }
@keyframes cc-blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
@media (prefers-reduced-motion: reduce) {
  .cc-typing span, .cc-panel.cc-entering, .cc-panel.cc-leaving { animation: none; }
}
.cc-form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid var(--cc-divider); }
.cc-input { flex: 1; min-width: 0; border: 2px solid var(--cc-border); border-radius: 10px;
  padding: 8px 10px; color: var(--cc-text); background: var(--cc-background); min-height: 44px; }
/* 16px or more: iOS Safari zooms into smaller inputs on focus. */
#cc-root .cc-input { font-size: 16px; }
.cc-input::placeholder { color: var(--cc-muted); opacity: 1; }
.cc-input:focus-visible { border-color: var(--cc-primary); }
.cc-send, .cc-confirm-yes { border: 0; border-radius: 10px; padding: 8px 14px;
  background: var(--cc-primary); color: var(--cc-primaryText); cursor: pointer; font-weight: 600;
  min-height: 44px; }
.cc-confirm-no { border: 2px solid var(--cc-border); border-radius: 10px; padding: 6px 12px;
  background: var(--cc-background); color: var(--cc-text); cursor: pointer; min-height: 44px; }
@media (max-width: 480px) {
  #cc-root.cc-open { right: 0; bottom: 0; left: 0; top: 0; }
  #cc-root.cc-open .cc-panel { width: 100vw; max-width: 100vw; height: 100%; max-height: none;
    border-radius: 0; }
}
`;
}

function validColor(value, fallback) {
  if (typeof value !== "string") return fallback;
  const probe = document.createElement("span").style;
  probe.color = "";
  probe.color = value;
  return probe.color ? value : fallback;
}

function palette(defaults, overrides) {
  const colors = { ...defaults };
  for (const [name, value] of Object.entries(overrides || {})) {
    if (name in colors) colors[name] = validColor(value, colors[name]);
  }
  return colors;
}

/** Two copies of a transcript merged by message id: the higher revision of each wins. */
function mergeMessages(first, second) {
  const byId = new Map();
  for (const message of [...first, ...second]) {
    if (!message || typeof message.id !== "string") continue;
    const known = byId.get(message.id);
    if (!known || (message.rev || 0) > (known.rev || 0)) byId.set(message.id, message);
  }
  return [...byId.values()].sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1));
}

function clockTime(time) {
  try {
    return new Date(time).toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
  } catch (_error) {
    return "";
  }
}

const STATE_TEXT = { pending: "Sending\u2026", sent: "Sent", failed: "Not sent" };

class ClinicChat {
  constructor(userConfig) {
    const config = { ...DEFAULTS, ...(userConfig || {}) };
    if (!(Number(config.retentionHours) > 0)) config.retentionHours = DEFAULTS.retentionHours;
    if (!Array.isArray(config.suggestions)) config.suggestions = DEFAULTS.suggestions;
    config.suggestions = config.suggestions.filter((s) => typeof s === "string").slice(0, 3);
    this.config = config;
    this.colors = palette(DEFAULT_COLORS, config.colors);
    if (config.colors && config.colors.primary) {
      for (const name of ["userBubble", "chipText", "chosen", "focus"]) {
        if (!(name in config.colors)) this.colors[name] = this.colors.primary;
      }
    }
    this.darkColors = config.darkMode ? palette(DEFAULT_DARK_COLORS, config.darkColors) : null;
    this.shared = config.storage !== "session";
    this.store = safeStorage(this.shared ? "localStorage" : "sessionStorage");
    this.tabState = safeStorage("sessionStorage");
    const prefix = config.storagePrefix;
    this.keys = {
      sessionId: `${prefix}:session-id`,
      sessionSecret: `${prefix}:session-secret`,
      transcript: `${prefix}:transcript`,
      open: `${prefix}:open`,
      outcomes: `${prefix}:outcomes`,
      sendLock: `${prefix}:send`,
    };
    this.views = new Map();
    this.socket = null;
    this.confirmed = false;
    this.flushing = false;
    this.flushAgain = false;
    this.inFlight = 0;
    this.typingTimer = null;
    this.restartTimer = null;
    this.sessionId = null;
    this.transcript = [];
    this.load();
  }

  // ---- storage -------------------------------------------------------------------------

  /** The stored conversation, or a fresh start when it is missing or too old. */
  load() {
    const stored = this.readStored();
    if (stored && Date.now() - stored.updatedAt > this.config.retentionHours * HOUR_MS) {
      this.forget();
      this.sessionId = null;
      this.transcript = [];
      return;
    }
    this.sessionId = this.store.get(this.keys.sessionId);
    this.transcript =
      stored && stored.sessionId === this.sessionId ? stored.messages : [];
  }

  readStored() {
    try {
      const stored = JSON.parse(this.store.get(this.keys.transcript) || "null");
      if (stored && Array.isArray(stored.messages) && typeof stored.updatedAt === "number") {
        return stored;
      }
    } catch (_error) {
      /* corrupt: start afresh */
    }
    return null;
  }

  /** Merge this tab's transcript into the stored one (never overwrite another tab's). */
  save() {
    const stored = this.readStored();
    const theirs = this.ours(stored) ? stored.messages : [];
    this.transcript = mergeMessages(theirs, this.transcript).slice(-this.config.maxStoredMessages);
    this.store.set(
      this.keys.transcript,
      JSON.stringify({ sessionId: this.sessionId, updatedAt: Date.now(), messages: this.transcript }),
    );
  }

  /**
   * Whether a stored transcript belongs to this tab's conversation. One stored without a
   * session holds only messages typed, in some tab, after a chat ended and before the next
   * session began: they belong to that next session, whichever tab it reaches first.
   */
  ours(stored) {
    return Boolean(stored) && (stored.sessionId === this.sessionId || stored.sessionId === null);
  }

  /** Everything of the conversation, gone from both of the browser's storages. */
  forget() {
    for (const store of [safeStorage("localStorage"), safeStorage("sessionStorage")]) {
      const keys = [this.keys.sessionId, this.keys.sessionSecret, this.keys.transcript, this.keys.outcomes];
      for (const key of keys) {
        store.remove(key);
      }
    }
  }

  // Whether a message was sent is decided by the one tab holding the send lock, and kept
  // apart from the transcript: two tabs saving the transcript at once can undo each
  // other's change, and a message marked pending again would be sent twice.
  readOutcomes() {
    try {
      const outcomes = JSON.parse(this.store.get(this.keys.outcomes) || "{}");
      return outcomes && typeof outcomes === "object" ? outcomes : {};
    } catch (_error) {
      return {};
    }
  }

  writeOutcome(id, state) {
    const outcomes = this.readOutcomes();
    delete outcomes[id];
    if (state) outcomes[id] = state;
    const kept = Object.entries(outcomes).slice(-this.config.maxStoredMessages);
    this.store.set(this.keys.outcomes, JSON.stringify(Object.fromEntries(kept)));
  }

  /** The transcript's messages marked as the send lock's holder last decided. */
  applyOutcomes() {
    const outcomes = this.readOutcomes();
    let changed = false;
    for (const message of this.transcript) {
      const outcome = outcomes[message.id];
      if (message.from === "user" && outcome && message.state !== outcome) {
        message.state = outcome;
        message.rev = (message.rev || 0) + 1;
        changed = true;
      }
    }
    return changed;
  }

  /** `task` run while no other tab of this site sends (or retries) a message. */
  withSendLock(task) {
    if (this.shared && navigator.locks && navigator.locks.request) {
      return navigator.locks.request(this.keys.sendLock, task);
    }
    return Promise.resolve().then(task);
  }

  /** Another tab changed the stored conversation: follow it. */
  onStorage(event) {
    if (!this.shared || event.storageArea !== window.localStorage) return;
    if (event.key === null || event.key === this.keys.sessionId) {
      const stored = this.store.get(this.keys.sessionId);
      if (!stored) this.endedElsewhere();
      else if (stored !== this.sessionId) this.adoptSession(stored);
      return;
    }
    if (event.key === this.keys.outcomes) {
      if (this.applyOutcomes()) this.save();
      this.sync();
      return;
    }
    if (event.key === this.keys.transcript) {
      const stored = this.readStored();
      if (!this.ours(stored)) return;
      const before = JSON.stringify(this.transcript);
      this.transcript = mergeMessages(stored.messages, this.transcript);
      this.applyOutcomes();
      this.sync();
      // Something this tab has that the other tab's write missed: store the union.
      if (JSON.stringify(this.transcript) !== JSON.stringify(stored.messages)) this.save();
      else if (before !== JSON.stringify(this.transcript)) this.scrollToEnd();
      this.flush();
    }
  }

  // ---- the page ------------------------------------------------------------------------

  mount() {
    const style = document.createElement("style");
    style.textContent = css(this.colors, this.darkColors);
    document.head.appendChild(style);

    const titleId = "cc-title";
    this.launcher = el("button", {
      type: "button",
      className: "cc-launcher",
      "aria-expanded": "false",
      "aria-controls": "cc-panel",
    });
    // The accessible name is the visible label itself (WCAG 2.5.3, label in name).
    const icon = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    icon.setAttribute("viewBox", "0 0 24 24");
    icon.setAttribute("aria-hidden", "true");
    icon.setAttribute("focusable", "false");
    const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute(
      "d",
      "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z",
    );
    icon.appendChild(path);
    this.launcher.appendChild(icon);
    this.launcher.appendChild(el("span", { text: this.config.launcherLabel }));

    const name = this.config.clinicName || this.config.title;
    let avatar;
    if (this.config.avatarUrl) {
      avatar = el("img", { className: "cc-avatar", src: this.config.avatarUrl, alt: "" });
    } else {
      const initials = name
        .split(/\s+/)
        .filter((word) => /^[A-Z]/.test(word))
        .slice(0, 2)
        .map((word) => word[0])
        .join("");
      avatar = el("span", { className: "cc-avatar", "aria-hidden": "true", text: initials || "?" });
    }
    this.endButton = el("button", {
      type: "button",
      className: "cc-header-button cc-end",
      text: "End chat",
    });
    this.closeButton = el("button", {
      type: "button",
      className: "cc-header-button cc-close",
      "aria-label": "Close chat",
      text: "\u00d7",
    });
    this.status = el("p", { className: "cc-status", role: "status", "aria-live": "polite" });
    this.announcer = el("p", { className: "cc-sr", role: "status", "aria-live": "polite" });
    this.confirmYes = el("button", { type: "button", className: "cc-confirm-yes", text: "Yes, end chat" });
    this.confirmNo = el("button", { type: "button", className: "cc-confirm-no", text: "Keep chatting" });
    this.confirm = el("div", { className: "cc-confirm", role: "group", "aria-label": "End chat", hidden: true }, [
      el("p", { text: "End this chat? It will be cleared from this browser." }),
      this.confirmYes,
      this.confirmNo,
    ]);
    this.log = el("div", {
      className: "cc-log",
      role: "log",
      "aria-live": "polite",
      "aria-relevant": "additions",
      "aria-label": "Conversation",
      tabindex: "0",
    });
    this.typing = el("div", { className: "cc-typing", hidden: true, "aria-hidden": "true" }, [
      el("span"),
      el("span"),
      el("span"),
    ]);
    this.input = el("input", {
      type: "text",
      id: "cc-input",
      className: "cc-input",
      autocomplete: "off",
      enterkeyhint: "send",
      maxlength: String(MAX_MESSAGE_CHARS),
      placeholder: this.config.placeholder,
    });
    const form = el("form", { className: "cc-form" }, [
      el("label", { for: "cc-input", className: "cc-sr", text: "Your message" }),
      this.input,
      el("button", { type: "submit", className: "cc-send", text: "Send" }),
    ]);
    this.panel = el(
      "div",
      {
        id: "cc-panel",
        className: "cc-panel",
        role: "dialog",
        "aria-modal": "false",
        "aria-label": this.config.title,
        "aria-describedby": titleId,
        hidden: true,
      },
      [
        el("div", { className: "cc-header" }, [
          avatar,
          el("div", { className: "cc-heading" }, [
            el("h2", { id: titleId, text: name }),
            el("p", { text: this.config.subtitle }),
          ]),
          this.endButton,
          this.closeButton,
        ]),
        this.status,
        this.confirm,
        this.log,
        this.announcer,
        form,
      ],
    );
    this.root = el("aside", { id: "cc-root", "aria-label": "Clinic chat" }, [this.panel, this.launcher]);
    document.body.appendChild(this.root);

    this.launcher.addEventListener("click", () => this.open());
    this.closeButton.addEventListener("click", () => this.close());
    this.endButton.addEventListener("click", () => {
      this.confirm.hidden = false;
      this.confirmYes.focus();
    });
    this.confirmNo.addEventListener("click", () => {
      this.confirm.hidden = true;
      this.input.focus();
    });
    this.confirmYes.addEventListener("click", () => this.endChat());
    this.panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        if (!this.confirm.hidden) {
          this.confirm.hidden = true;
          this.input.focus();
        } else this.close();
      }
    });
    this.input.addEventListener("input", () => {
      // A pasted story longer than the limit is cut by the browser: the patient is told,
      // so the end of it is sent, not lost.
      if (this.input.value.length >= MAX_MESSAGE_CHARS) this.setStatus(TOO_LONG_STATUS);
      else if (this.status.textContent === TOO_LONG_STATUS) this.setStatus("");
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = this.input.value.trim();
      if (!text) return;
      this.input.value = "";
      if (this.status.textContent === TOO_LONG_STATUS) this.setStatus("");
      this.sendUser(text, text);
    });
    window.addEventListener("storage", (event) => this.onStorage(event));

    this.log.appendChild(this.welcomeNode());
    this.log.appendChild(this.typing);
    this.applyOutcomes();
    this.sync();
    if (this.tabState.get(this.keys.open) === "1") this.open(false);
    this.connect();
    // A tab left open past the retention time forgets the conversation too.
    this.expiryTimer = setInterval(() => this.expireIfOld(), 60 * 1000);
  }

  welcomeNode() {
    const suggestions = el("div", {
      className: "cc-buttons cc-suggestions",
      role: "group",
      "aria-label": "Suggested questions",
    });
    for (const question of this.config.suggestions) {
      const chip = el("button", { type: "button", className: "cc-button", text: question });
      chip.addEventListener("click", () => {
        this.sendUser(question, question);
        this.input.focus();
      });
      suggestions.appendChild(chip);
    }
    this.suggestions = suggestions;
    return el("div", { className: "cc-welcome" }, [
      el("p", { className: "cc-welcome-text", text: this.config.welcome }),
      suggestions,
    ]);
  }

  open(focus = true) {
    this.expireIfOld();
    clearTimeout(this.leaveTimer);
    this.panel.classList.remove("cc-leaving");
    this.panel.hidden = false;
    if (focus) this.panel.classList.add("cc-entering");
    this.root.classList.add("cc-open");
    this.launcher.setAttribute("aria-expanded", "true");
    this.tabState.set(this.keys.open, "1");
    this.scrollToEnd();
    if (focus) this.input.focus();
  }

  close() {
    this.panel.classList.remove("cc-entering");
    this.launcher.setAttribute("aria-expanded", "false");
    this.tabState.set(this.keys.open, "0");
    const hide = () => {
      this.panel.hidden = true;
      this.panel.classList.remove("cc-leaving");
      this.root.classList.remove("cc-open");
    };
    if (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches) hide();
    else {
      this.panel.classList.add("cc-leaving");
      this.leaveTimer = setTimeout(hide, 140);
    }
    this.launcher.focus();
  }

  setStatus(text) {
    // Setting the same text again would make screen readers announce it again.
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  announce(text) {
    if (this.announcer.textContent !== text) this.announcer.textContent = text;
  }

  // ---- ending and expiry ---------------------------------------------------------------

  expireIfOld() {
    const stored = this.readStored();
    if (stored && Date.now() - stored.updatedAt > this.config.retentionHours * HOUR_MS) {
      this.reset();
    }
  }

  /** "End chat": nothing of this conversation stays in the browser; a new one starts. */
  endChat() {
    this.reset();
    this.confirm.hidden = true;
    this.sync();
    this.announce("Chat ended and cleared from this browser.");
    this.input.focus();
  }

  reset() {
    this.forget();
    this.clearView();
    this.restart();
  }

  /** The conversation was ended in another tab: clear this one and join the next. */
  endedElsewhere() {
    this.clearView();
    if (this.socket) this.socket.disconnect();
    clearTimeout(this.restartTimer);
    // The tab that ended it starts the next session; without one, start it here.
    this.restartTimer = setTimeout(() => {
      const stored = this.store.get(this.keys.sessionId);
      if (stored) this.adoptSession(stored);
      else this.restart();
    }, 1500);
  }

  adoptSession(sessionId) {
    clearTimeout(this.restartTimer);
    // Messages typed here while this tab had no session are sent in the one it joins.
    const typedMeanwhile =
      this.sessionId === null
        ? this.transcript.filter((m) => m.from === "user" && m.state === "pending")
        : [];
    this.sessionId = sessionId;
    const stored = this.readStored();
    this.transcript = mergeMessages(this.ours(stored) ? stored.messages : [], typedMeanwhile);
    if (typedMeanwhile.length) this.save();
    this.sync();
    if (this.socket) this.socket.disconnect().connect();
  }

  clearView() {
    this.transcript = [];
    this.sessionId = null;
    this.hideTyping();
    this.sync();
  }

  restart() {
    clearTimeout(this.restartTimer);
    if (this.socket) this.socket.disconnect().connect();
  }

  // ---- the connection ------------------------------------------------------------------

  connect() {
    const socket = io(this.config.serverUrl, {
      path: this.config.socketPath,
      transports: ["websocket"],
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    this.socket = socket;
    socket.on("connect", () => {
      this.confirmed = false;
      this.setStatus("");
      this.requested = this.store.get(this.keys.sessionId);
      // The server resumes a session only for the browser it gave the secret to.
      socket.emit("session_request", {
        session_id: this.requested || "",
        session_secret: (this.requested && this.store.get(this.keys.sessionSecret)) || "",
      });
    });
    socket.on("session_confirm", (confirmed) => this.onConfirmed(confirmed));
    socket.on("bot_uttered", (message) => this.receiveBot(message));
    socket.on("disconnect", (reason) => {
      this.confirmed = false;
      this.hideTyping();
      if (reason !== "io client disconnect") this.setStatus(this.offlineStatus());
    });
    socket.on("connect_error", () => this.setStatus(this.offlineStatus()));
  }

  // One text per situation, so that the repeated reconnection attempts set the same text
  // and screen readers hear it once.
  offlineStatus() {
    const waiting = this.transcript.some((m) => m.from === "user" && m.state === "pending");
    return waiting
      ? "Reconnecting\u2026 Your messages will be sent when the connection is back."
      : "Reconnecting\u2026";
  }

  onConfirmed(confirmed) {
    const id = typeof confirmed === "string" ? confirmed : confirmed && confirmed.session_id;
    if (!id) return;
    const stored = this.store.get(this.keys.sessionId);
    if (stored && stored !== this.requested && stored !== id) {
      // Another tab started the session meanwhile: join that one instead.
      this.adoptSession(stored);
      return;
    }
    if (confirmed && typeof confirmed.session_secret === "string") {
      this.store.set(this.keys.sessionSecret, confirmed.session_secret);
    }
    if (id !== this.sessionId || stored !== id) {
      // A new session (first visit, an ended chat, or a secret the server no longer
      // accepts): keep the messages typed meanwhile, they are sent in it.
      this.sessionId = id;
      this.store.set(this.keys.sessionId, id);
      this.save();
    }
    this.confirmed = true;
    this.flush();
  }

  ready() {
    return Boolean(this.confirmed && this.socket && this.socket.connected);
  }

  /** Send the pending messages, oldest first, one at a time; one tab at a time. */
  async flush() {
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = true;
    try {
      do {
        this.flushAgain = false;
        await this.withSendLock(() => this.sendPending());
      } while (this.flushAgain && this.ready());
    } finally {
      this.flushing = false;
    }
  }

  async sendPending() {
    while (this.ready()) {
      // Another tab may have sent some meanwhile: read what is stored first.
      const stored = this.readStored();
      if (stored && stored.sessionId === this.sessionId) {
        this.transcript = mergeMessages(stored.messages, this.transcript);
      }
      this.applyOutcomes();
      this.sync();
      const outcomes = this.readOutcomes();
      const next = this.transcript.find(
        (m) => m.from === "user" && m.state === "pending" && !outcomes[m.id],
      );
      if (!next) return;
      const result = await this.deliver(next);
      if (result === "offline") return;
    }
  }

  deliver(message) {
    const socket = this.socket;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (result) => {
        if (settled) return;
        settled = true;
        socket.off("disconnect", onDisconnect);
        this.inFlight -= 1;
        if (!this.inFlight) this.hideTyping();
        resolve(result);
      };
      // Cut off before the answer: it stays pending and goes again on reconnection.
      const onDisconnect = () => finish("offline");
      socket.on("disconnect", onDisconnect);
      this.inFlight += 1;
      this.showTyping();
      socket.timeout(this.config.sendTimeoutMs).emit(
        "user_uttered",
        { message: message.payload, session_id: this.sessionId, metadata: { message_id: message.id } },
        (error, reply) => {
          if (settled) return;
          const ok = !error && !(reply && reply.ok === false);
          this.writeOutcome(message.id, ok ? "sent" : "failed");
          this.update(message.id, { state: ok ? "sent" : "failed" });
          if (!ok) this.announce("A message was not sent. Use Retry to send it again.");
          finish(ok ? "sent" : "failed");
        },
      );
    });
  }

  // ---- messages ------------------------------------------------------------------------

  sendUser(shown, payload) {
    this.expireButtons();
    this.add({ id: randomId(), from: "user", text: shown, payload, state: "pending" });
    if (this.status.textContent) this.setStatus(this.offlineStatus());
    this.flush();
  }

  async retry(id) {
    // Sent again after what was said since, so it goes last, as the server will see it.
    await this.withSendLock(() => {
      this.writeOutcome(id, null);
      this.update(id, { state: "pending", time: Date.now() });
    });
    this.announce("");
    this.flush();
  }

  receiveBot(message) {
    if (!message || typeof message !== "object") return;
    const buttons = [];
    for (const button of [...(message.quick_replies || []), ...(message.buttons || [])]) {
      if (button && typeof button.title === "string") {
        buttons.push({
          title: button.title,
          payload: typeof button.payload === "string" ? button.payload : button.title,
        });
      }
    }
    let text = typeof message.text === "string" ? message.text : "";
    const attachment = message.attachment;
    if (!text && attachment && attachment.payload && typeof attachment.payload.src === "string") {
      text = attachment.payload.src; // an image: shown as a link
    }
    if (!text && !buttons.length) return;
    const id = typeof message.id === "string" && message.id ? `b-${message.id}` : randomId();
    if (this.transcript.some((m) => m.id === id)) return; // another tab stored it first
    const urgent = message.urgency === "emergency" || message.urgency === "crisis";
    const entry = { id, from: "bot", text, buttons, chosen: null };
    if (urgent) {
      entry.urgency = message.urgency;
      entry.call = phoneNumber(message.emergency_number) || phoneNumber(this.config.emergencyNumber);
    }
    // Buttons offered in the same reply all stay usable ("The clinic also sees hips [Book a
    // consultation]" then the answer with its own buttons): only those from before the
    // patient's last message are expired, which `sendUser` has done already. Buttons that
    // come with no message from the patient before them (a notice on a later visit)
    // replace the older ones.
    if (buttons.length) this.expireButtons({ beforeLastUser: true });
    this.add(entry);
  }

  add(message) {
    message.time = Date.now();
    message.rev = 1;
    this.transcript.push(message);
    this.save();
    this.sync();
    if (message.from === "bot") this.scrollToReplies();
    else this.scrollToEnd();
  }

  // Several replies to one message can be taller than the panel: the first of them stays
  // in view, so the answer is read before the question that follows it.
  scrollToReplies() {
    if (!this.log) return;
    let first = null;
    for (let i = this.transcript.length - 1; i >= 0 && this.transcript[i].from === "bot"; i--) {
      first = this.transcript[i];
    }
    const view = first && this.views.get(first.id);
    if (!view) return this.scrollToEnd();
    const below = view.node.getBoundingClientRect().top - this.log.getBoundingClientRect().top;
    this.log.scrollTop = Math.max(0, this.log.scrollTop + below - 8);
  }

  update(id, changes) {
    const message = this.transcript.find((m) => m.id === id);
    if (!message) return;
    Object.assign(message, changes);
    message.rev = (message.rev || 0) + 1;
    this.save();
    this.sync();
  }

  // Reply buttons answer the question they came with: once the patient types instead, or
  // the assistant offers newer buttons in a later reply, the older ones are disabled, so a
  // stale one can never become the answer to a later question. `beforeLastUser` keeps those
  // of the reply now arriving (everything after the patient's last message).
  expireButtons({ beforeLastUser = false } = {}) {
    let last = this.transcript.length;
    if (beforeLastUser) {
      const index = this.transcript.map((m) => m.from).lastIndexOf("user");
      if (index >= 0) last = index;
    }
    for (const entry of this.transcript.slice(0, last)) {
      const open = entry.chosen === null || entry.chosen === undefined;
      if (entry.buttons && entry.buttons.length && open) {
        entry.chosen = EXPIRED;
        entry.rev = (entry.rev || 0) + 1;
      }
    }
  }

  // ---- rendering -----------------------------------------------------------------------

  /** Make the log show the transcript: new messages added, changed ones updated. */
  sync() {
    if (!this.log) return;
    const ids = new Set(this.transcript.map((m) => m.id));
    for (const [id, view] of this.views) {
      if (!ids.has(id)) {
        view.node.remove();
        this.views.delete(id);
      }
    }
    let previous = this.log.firstChild; // the welcome message
    for (const message of this.transcript) {
      let view = this.views.get(message.id);
      if (!view) {
        view = this.createView(message);
        this.views.set(message.id, view);
      }
      if (previous.nextSibling !== view.node) this.log.insertBefore(view.node, previous.nextSibling);
      this.updateView(view, message);
      previous = view.node;
    }
    this.suggestions.hidden = this.transcript.length > 0;
    // Nothing to end before the first message.
    this.endButton.hidden = this.transcript.length === 0 && this.confirm.hidden;
  }

  createView(message) {
    const user = message.from === "user";
    const node = el("div", { className: `cc-item cc-item-${user ? "user" : "bot"}` });
    const urgent = !user && message.urgency;
    // Announced at once when it arrives; restored from storage on a later page of the
    // site it keeps its look but is not announced again on every page.
    const fresh = Date.now() - (message.time || 0) < FRESH_MS;
    const bubble = el("div", {
      className: `cc-msg cc-msg-${user ? "user" : "bot"}${urgent ? " cc-alert" : ""}`,
      role: urgent && fresh ? "alert" : null,
    });
    if (urgent) {
      bubble.appendChild(
        el("strong", {
          className: "cc-alert-title",
          text: message.urgency === "crisis" ? "Your safety matters" : "Urgent",
        }),
      );
    }
    bubble.appendChild(el("span", { className: "cc-sr", text: user ? "You: " : "Assistant: " }));
    bubble.appendChild(linkifiedFragment(String(message.text || ""), !user));
    if (urgent && message.call) {
      bubble.appendChild(document.createTextNode("\n"));
      bubble.appendChild(
        el("a", {
          className: "cc-call",
          href: `tel:${message.call.replace(/[^0-9+]/g, "")}`,
          text: `Call ${message.call}`,
        }),
      );
    }
    if (!message.text) bubble.hidden = true;
    node.appendChild(bubble);
    const view = { node, buttons: [], rev: null };
    if (message.buttons && message.buttons.length) {
      const group = el("div", { className: "cc-buttons", role: "group", "aria-label": "Replies" });
      view.buttons = message.buttons.map((button, buttonIndex) => {
        const chip = el("button", { type: "button", className: "cc-button", text: button.title });
        chip.addEventListener("click", () => {
          const current = this.transcript.find((m) => m.id === message.id);
          if (chip.disabled || !current || (current.chosen !== null && current.chosen !== undefined)) {
            return;
          }
          current.chosen = buttonIndex;
          current.rev = (current.rev || 0) + 1;
          this.sendUser(button.title, button.payload);
          this.input.focus();
        });
        group.appendChild(chip);
        return chip;
      });
      node.appendChild(group);
    }
    const time = el("time", { "aria-hidden": "true" });
    const meta = el("div", { className: "cc-meta" }, [time]);
    view.time = time;
    if (user) {
      view.state = el("span", { className: "cc-state", "aria-hidden": "true" });
      meta.appendChild(view.state);
    }
    node.appendChild(meta);
    view.meta = meta;
    return view;
  }

  updateView(view, message) {
    if (view.rev === message.rev) return;
    view.rev = message.rev;
    if (message.time) {
      view.time.dateTime = new Date(message.time).toISOString();
      view.time.textContent = clockTime(message.time);
    }
    const chosen = message.chosen;
    view.buttons.forEach((chip, index) => {
      const closed = chosen !== null && chosen !== undefined;
      chip.disabled = closed;
      chip.classList.toggle("cc-chosen", closed && chosen === index);
      if (closed && chosen === index) chip.setAttribute("aria-pressed", "true");
      else chip.removeAttribute("aria-pressed");
    });
    if (view.state) {
      const state = message.state || "sent";
      view.state.textContent = STATE_TEXT[state] || "";
      view.node.classList.toggle("cc-pending", state === "pending");
      view.node.classList.toggle("cc-failed", state === "failed");
      view.node.dataset.state = state;
      if (state === "failed" && !view.retry) {
        view.retry = el("button", { type: "button", className: "cc-retry", text: "Retry" });
        view.retry.addEventListener("click", () => this.retry(message.id));
        view.meta.appendChild(view.retry);
      } else if (state !== "failed" && view.retry) {
        view.retry.remove();
        view.retry = null;
      }
    }
  }

  // The typing dots show only while a message is with a reachable server, and the
  // screen-reader text is set once each time they appear.
  showTyping() {
    if (!this.ready()) return;
    if (this.typing.hidden) {
      this.typing.hidden = false;
      this.announce("The assistant is typing\u2026");
    }
    this.log.appendChild(this.typing);
    this.scrollToEnd();
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.hideTyping(), this.config.sendTimeoutMs);
  }

  hideTyping() {
    clearTimeout(this.typingTimer);
    if (!this.typing) return;
    this.typing.hidden = true;
    if (this.announcer.textContent === "The assistant is typing\u2026") this.announce("");
  }

  scrollToEnd() {
    if (this.log) this.log.scrollTop = this.log.scrollHeight;
  }
}

function start() {
  if (window.__clinicChatInstance) return;
  const chat = new ClinicChat(window.ClinicChat);
  window.__clinicChatInstance = chat;
  chat.mount();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
