/*
 * Clinic chat widget: a small, accessible chat panel that talks to the clinic's Rasa
 * assistant over Rasa's socket.io channel.
 *
 * Embedding:
 *   <script>window.ClinicChat = {serverUrl: "https://assistant.example", title: "Ask our clinic",
 *           colors: {primary: "#0b5cad"}}</script>
 *   <script src="/path/to/clinic-chat.js"></script>
 *
 * Security: message content is only ever put into the page with textContent /
 * createTextNode and DOM-built <a> elements; never with innerHTML.
 */
import { io } from "socket.io-client";

const DEFAULTS = {
  serverUrl: "http://127.0.0.1:5005",
  socketPath: "/socket.io/",
  title: "Ask our clinic",
  subtitle: "Virtual assistant - general information, not a diagnosis",
  placeholder: "Type your message",
  launcherLabel: "Chat with our clinic",
  emptyText: "Ask a question about joint or back pain, or ask to book a consultation.",
  storagePrefix: "clinic-chat",
  maxStoredMessages: 200,
  typingTimeoutMs: 30000,
  colors: {},
};

const DEFAULT_COLORS = {
  primary: "#0b5cad", // 6.6:1 against white
  primaryText: "#ffffff",
  background: "#ffffff",
  text: "#1b1f24", // 16:1 against white
  muted: "#4a5360", // 7.6:1 against white
  botBubble: "#eef1f5", // text on it: 14.9:1
  userBubble: "#0b5cad",
  userText: "#ffffff",
  focus: "#b35c00", // focus ring, 3:1+ against white and primary
};

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;

/** A random, unguessable session id. */
// `chosen` of a button group the conversation moved past without a click.
const EXPIRED = -1;

function newSessionId() {
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
function linkifiedFragment(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let url = match[0];
    const trailing = url.match(TRAILING_PUNCTUATION);
    if (trailing) url = url.slice(0, url.length - trailing[0].length);
    if (!url) continue;
    const start = match.index;
    if (start > last) fragment.appendChild(document.createTextNode(text.slice(last, start)));
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
  if (last < text.length) fragment.appendChild(document.createTextNode(text.slice(last)));
  return fragment;
}

function css(colors) {
  // Only configuration values (colours) are interpolated here, never message content;
  // they are validated as CSS colours first.
  const c = colors;
  return `
#cc-root, #cc-root * { box-sizing: border-box; }
#cc-root { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: ${c.text}; }
#cc-root button, #cc-root input { font: inherit; }
#cc-root :focus { outline: none; }
#cc-root :focus-visible { outline: 3px solid ${c.focus}; outline-offset: 2px; }
.cc-launcher { display: inline-flex; align-items: center; gap: 8px; border: 0; border-radius: 999px;
  padding: 12px 18px; background: ${c.primary}; color: ${c.primaryText}; cursor: pointer;
  box-shadow: 0 4px 14px rgba(0,0,0,.25); font-weight: 600; min-height: 48px; }
.cc-launcher[aria-expanded="true"] { display: none; }
.cc-panel { display: flex; flex-direction: column; width: 370px; max-width: calc(100vw - 32px);
  height: 560px; max-height: calc(100vh - 32px); background: ${c.background}; border-radius: 12px;
  box-shadow: 0 8px 30px rgba(0,0,0,.3); overflow: hidden; }
.cc-panel[hidden] { display: none; }
.cc-header { display: flex; align-items: flex-start; gap: 8px; padding: 12px 14px;
  background: ${c.primary}; color: ${c.primaryText}; }
.cc-header h2 { margin: 0; font-size: 17px; line-height: 1.3; color: ${c.primaryText};
  font-family: inherit; font-weight: 700; }
.cc-header p { margin: 2px 0 0; font-size: 13px; color: ${c.primaryText}; }
.cc-empty { margin: auto 8px; text-align: center; color: ${c.muted}; font-size: 14px; }
.cc-heading { flex: 1; min-width: 0; }
.cc-close { border: 0; background: transparent; color: ${c.primaryText}; cursor: pointer;
  font-size: 22px; line-height: 1; padding: 6px 10px; border-radius: 6px; min-width: 44px; min-height: 44px; }
.cc-header :focus-visible { outline-color: ${c.primaryText}; }
.cc-status { margin: 0; padding: 4px 14px; font-size: 13px; background: #fff4d6; color: #3d2e00; }
.cc-status:empty { display: none; }
.cc-log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px;
  overscroll-behavior: contain; }
.cc-msg { max-width: 85%; padding: 8px 12px; border-radius: 12px; white-space: pre-wrap;
  overflow-wrap: anywhere; }
.cc-msg-bot { align-self: flex-start; background: ${c.botBubble}; color: ${c.text};
  border-bottom-left-radius: 4px; }
.cc-msg-user { align-self: flex-end; background: ${c.userBubble}; color: ${c.userText};
  border-bottom-right-radius: 4px; }
.cc-msg a { color: inherit; text-decoration: underline; }
.cc-sr { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0,0,0,0); white-space: nowrap; border: 0; }
.cc-buttons { display: flex; flex-wrap: wrap; gap: 6px; align-self: flex-start; max-width: 100%; }
.cc-button { border: 2px solid ${c.primary}; background: ${c.background}; color: ${c.primary};
  border-radius: 999px; padding: 6px 12px; cursor: pointer; min-height: 40px; text-align: left; }
.cc-button:hover:not(:disabled) { background: ${c.primary}; color: ${c.primaryText}; }
.cc-button:disabled { cursor: default; border-color: #8a939e; color: #4a5360; background: #f4f5f7; }
.cc-button.cc-chosen:disabled { border-color: ${c.primary}; color: ${c.primary}; font-weight: 600; }
.cc-typing { align-self: flex-start; display: inline-flex; gap: 4px; padding: 12px 14px;
  background: ${c.botBubble}; border-radius: 12px; }
.cc-typing[hidden] { display: none; }
.cc-typing span { width: 7px; height: 7px; border-radius: 50%; background: ${c.muted};
  animation: cc-blink 1.2s infinite ease-in-out; }
.cc-typing span:nth-child(2) { animation-delay: .2s; }
.cc-typing span:nth-child(3) { animation-delay: .4s; }
@keyframes cc-blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .cc-typing span { animation: none; } }
.cc-form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #d5dae0; }
.cc-input { flex: 1; min-width: 0; border: 2px solid #6b7582; border-radius: 8px; padding: 8px 10px;
  color: ${c.text}; background: ${c.background}; min-height: 44px; }
/* 16px or more: iOS Safari zooms into smaller inputs on focus. */
#cc-root .cc-input { font-size: 16px; }
.cc-input::placeholder { color: #5f6873; opacity: 1; }
.cc-input:focus-visible { border-color: ${c.primary}; }
.cc-send { border: 0; border-radius: 8px; padding: 8px 14px; background: ${c.primary};
  color: ${c.primaryText}; cursor: pointer; font-weight: 600; min-height: 44px; }
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

class ClinicChat {
  constructor(userConfig) {
    const config = { ...DEFAULTS, ...(userConfig || {}) };
    const colors = { ...DEFAULT_COLORS };
    for (const [name, value] of Object.entries(config.colors || {})) {
      if (name in colors) colors[name] = validColor(value, colors[name]);
    }
    if (config.colors && config.colors.primary && !(config.colors || {}).userBubble) {
      colors.userBubble = colors.primary;
    }
    this.config = config;
    this.colors = colors;
    this.local = safeStorage("localStorage");
    this.session = safeStorage("sessionStorage");
    this.keys = {
      sessionId: `${config.storagePrefix}:session-id`,
      sessionSecret: `${config.storagePrefix}:session-secret`,
      transcript: `${config.storagePrefix}:transcript`,
      open: `${config.storagePrefix}:open`,
    };
    this.sessionId = this.local.get(this.keys.sessionId);
    if (!this.sessionId) {
      this.sessionId = newSessionId();
      this.local.set(this.keys.sessionId, this.sessionId);
    }
    this.transcript = this.loadTranscript();
    this.buttonNodes = {};
    this.confirmed = false;
    this.outbox = [];
    this.typingTimer = null;
    this.socket = null;
  }

  loadTranscript() {
    try {
      const stored = JSON.parse(this.local.get(this.keys.transcript) || "null");
      if (stored && stored.sessionId === this.sessionId && Array.isArray(stored.messages)) {
        return stored.messages;
      }
    } catch (_error) {
      /* corrupt: start afresh */
    }
    return [];
  }

  saveTranscript() {
    const messages = this.transcript.slice(-this.config.maxStoredMessages);
    this.transcript = messages;
    this.local.set(
      this.keys.transcript,
      JSON.stringify({ sessionId: this.sessionId, messages }),
    );
  }

  mount() {
    const style = document.createElement("style");
    style.textContent = css(this.colors);
    document.head.appendChild(style);

    const titleId = "cc-title";
    this.launcher = el("button", {
      type: "button",
      className: "cc-launcher",
      "aria-expanded": "false",
      "aria-controls": "cc-panel",
      "aria-label": this.config.launcherLabel,
      text: this.config.title,
    });
    this.closeButton = el("button", {
      type: "button",
      className: "cc-close",
      "aria-label": "Close chat",
      text: "\u00d7",
    });
    this.status = el("p", { className: "cc-status", role: "status", "aria-live": "polite" });
    this.log = el("div", {
      className: "cc-log",
      role: "log",
      "aria-live": "polite",
      "aria-relevant": "additions",
      "aria-label": "Conversation",
      tabindex: "0",
    });
    this.typing = el(
      "div",
      { className: "cc-typing", hidden: true, role: "status", "aria-label": "The assistant is typing" },
      [el("span"), el("span"), el("span")],
    );
    this.input = el("input", {
      type: "text",
      id: "cc-input",
      className: "cc-input",
      autocomplete: "off",
      enterkeyhint: "send",
      maxlength: "1000",
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
        "aria-labelledby": titleId,
        "aria-label": this.config.title,
        hidden: true,
      },
      [
        el("div", { className: "cc-header" }, [
          el("div", { className: "cc-heading" }, [
            el("h2", { id: titleId, text: this.config.title }),
            el("p", { text: this.config.subtitle }),
          ]),
          this.closeButton,
        ]),
        this.status,
        this.log,
        form,
      ],
    );
    this.root = el("div", { id: "cc-root" }, [this.panel, this.launcher]);
    document.body.appendChild(this.root);

    this.launcher.addEventListener("click", () => this.open());
    this.closeButton.addEventListener("click", () => this.close());
    this.panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        this.close();
      }
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = this.input.value.trim();
      if (!text) return;
      this.input.value = "";
      this.sendUser(text, text);
    });

    this.empty = el("p", { className: "cc-empty", text: this.config.emptyText });
    this.log.appendChild(this.empty);
    this.transcript.forEach((message, index) => this.render(message, index));
    this.log.appendChild(this.typing);
    if (this.session.get(this.keys.open) === "1") this.open(false);
    this.connect();
  }

  open(focus = true) {
    this.panel.hidden = false;
    this.root.classList.add("cc-open");
    this.launcher.setAttribute("aria-expanded", "true");
    this.session.set(this.keys.open, "1");
    this.scrollToEnd();
    if (focus) this.input.focus();
  }

  close() {
    this.panel.hidden = true;
    this.root.classList.remove("cc-open");
    this.launcher.setAttribute("aria-expanded", "false");
    this.session.set(this.keys.open, "0");
    this.launcher.focus();
  }

  setStatus(text) {
    // Setting the same text again would make screen readers announce it again.
    if (this.status.textContent !== text) this.status.textContent = text;
  }

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
      // The server resumes a session only for the browser it gave the secret to.
      socket.emit("session_request", {
        session_id: this.sessionId,
        session_secret: this.local.get(this.keys.sessionSecret) || "",
      });
    });
    socket.on("session_confirm", (confirmed) => {
      const id = typeof confirmed === "string" ? confirmed : confirmed && confirmed.session_id;
      if (confirmed && typeof confirmed.session_secret === "string") {
        this.local.set(this.keys.sessionSecret, confirmed.session_secret);
      }
      if (id && id !== this.sessionId) {
        // The server chose another id: adopt it (the stored history belongs to the old one).
        this.sessionId = id;
        this.local.set(this.keys.sessionId, id);
        this.saveTranscript();
      }
      this.confirmed = true;
      this.flush();
    });
    socket.on("bot_uttered", (message) => this.receiveBot(message));
    socket.on("disconnect", (reason) => {
      this.confirmed = false;
      if (reason !== "io client disconnect") this.setStatus("Reconnecting\u2026");
    });
    socket.on("connect_error", () => this.setStatus("Reconnecting\u2026"));
  }

  flush() {
    while (this.confirmed && this.socket && this.socket.connected && this.outbox.length) {
      const payload = this.outbox.shift();
      this.socket.emit("user_uttered", { message: payload, session_id: this.sessionId });
    }
  }

  sendUser(shown, payload) {
    this.append({ from: "user", text: shown });
    this.outbox.push(payload);
    this.showTyping();
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
    this.hideTyping();
    this.append({ from: "bot", text, buttons, chosen: null });
  }

  // Reply buttons answer the question they came with: once the patient types instead, or
  // the assistant says something newer, the older buttons are disabled, so a stale one
  // can never become the answer to a later question.
  expireButtons() {
    this.transcript.forEach((entry, index) => {
      const open = entry.chosen === null || entry.chosen === undefined;
      if (entry.buttons && entry.buttons.length && open) {
        entry.chosen = EXPIRED;
        (this.buttonNodes[index] || []).forEach((node) => {
          node.disabled = true;
        });
      }
    });
  }

  append(message) {
    this.expireButtons();
    this.transcript.push(message);
    this.saveTranscript();
    this.render(message, this.transcript.length - 1);
    this.scrollToEnd();
  }

  render(message, index) {
    if (this.empty) {
      this.empty.remove();
      this.empty = null;
    }
    const bubble = el("div", {
      className: `cc-msg cc-msg-${message.from === "user" ? "user" : "bot"}`,
    });
    const who = el("span", {
      className: "cc-sr",
      text: message.from === "user" ? "You: " : "Assistant: ",
    });
    bubble.appendChild(who);
    bubble.appendChild(linkifiedFragment(String(message.text || "")));
    const nodes = [bubble];
    if (!message.text) bubble.hidden = true;
    if (message.buttons && message.buttons.length) {
      const group = el("div", { className: "cc-buttons", role: "group", "aria-label": "Replies" });
      const buttonNodes = message.buttons.map((button, buttonIndex) => {
        const node = el("button", {
          type: "button",
          className: "cc-button",
          text: button.title,
        });
        if (message.chosen !== null && message.chosen !== undefined) {
          node.disabled = true;
          if (message.chosen === buttonIndex) {
            node.classList.add("cc-chosen");
            node.setAttribute("aria-pressed", "true");
          }
        }
        node.addEventListener("click", () => {
          if (node.disabled) return;
          buttonNodes.forEach((other) => {
            other.disabled = true;
          });
          node.classList.add("cc-chosen");
          node.setAttribute("aria-pressed", "true");
          this.transcript[index].chosen = buttonIndex;
          this.saveTranscript();
          this.sendUser(button.title, button.payload);
          this.input.focus();
        });
        group.appendChild(node);
        return node;
      });
      this.buttonNodes[index] = buttonNodes;
      nodes.push(group);
    }
    for (const node of nodes) {
      if (this.typing.parentNode === this.log) this.log.insertBefore(node, this.typing);
      else this.log.appendChild(node);
    }
  }

  showTyping() {
    this.typing.hidden = false;
    this.scrollToEnd();
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.hideTyping(), this.config.typingTimeoutMs);
  }

  hideTyping() {
    clearTimeout(this.typingTimer);
    this.typing.hidden = true;
  }

  scrollToEnd() {
    this.log.scrollTop = this.log.scrollHeight;
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
