"""The staff page's HTML, built from escaped text only: no template engine, no script.

Every value that comes from a file, a patient or a command goes through `esc`, so a
question or a message holding `<script>` is shown as text. Forms carry the session's
form token (`csrf`), checked on every POST.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from html import escape

from clinic.faq.catalogue import ARTICLE_SECTIONS, TOPICS
from clinic.faq.inbox import Inbox
from clinic.faq.source import FIELDS, FaqSource, Problem
from staff_app.commands import RetrainState
from tools.inbox import answer_rows, reply_summary

STYLE = """
body{font:16px/1.45 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#f6f7f9}
header{background:#174a7c;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;
align-items:center;flex-wrap:wrap}
header form{margin:0}
header a,header button{color:#fff;font-weight:600;text-decoration:none;background:none;margin:0;
border:0;font:inherit;cursor:pointer;padding:0}
main{max-width:72rem;margin:0 auto;padding:1rem 1.2rem 3rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #ccd3db;padding:.4rem .5rem;text-align:left;vertical-align:top}
.notice{background:#e7f4e8;border-left:4px solid #2e7d32;padding:.6rem .8rem;margin:1rem 0}
.problem{background:#fdecea;border-left:4px solid #c62828;padding:.6rem .8rem;margin:1rem 0}
pre{white-space:pre-wrap;background:#fff;border:1px solid #ccd3db;padding:.6rem}
label{display:block;font-weight:600;margin-top:.8rem}
input[type=text],input[type=password],input[type=date],textarea,select{width:100%;
box-sizing:border-box;font:inherit;padding:.3rem}
button{font:inherit;padding:.35rem .8rem;margin-top:.5rem}
.group{background:#fff;border:1px solid #ccd3db;padding:.6rem .8rem;margin:.8rem 0}
.message{border-top:1px solid #e3e7ec;padding:.5rem 0}
.inline{display:inline-flex;gap:.4rem;align-items:end;margin-right:1rem}
.inline input,.inline select{width:auto}
.muted{color:#555}
"""


def esc(value: object) -> str:
    """Text made safe to put in HTML, attributes included."""
    return escape(str(value), quote=True)


def layout(
    title: str,
    body: str,
    *,
    csrf: str | None,
    notices: Sequence[str] = (),
    refresh_s: int | None = None,
) -> str:
    """A whole page: the menu (when logged in), any notices, then `body`."""
    menu = ""
    if csrf is not None:
        menu = (
            "<header><strong>Clinic assistant: staff</strong>"
            '<a href="/">FAQs</a><a href="/faqs/new">Add an FAQ</a>'
            '<a href="/inbox">Inbox</a><a href="/retrain">Retrain</a>'
            f'<form method="post" action="/logout">{hidden("csrf", csrf)}'
            "<button>Log out</button></form></header>"
        )
    refresh = f'<meta http-equiv="refresh" content="{refresh_s}">' if refresh_s else ""
    shown = "".join(f'<div class="notice" role="status"><pre>{esc(n)}</pre></div>' for n in notices)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(title)} · Clinic staff</title>{refresh}"
        f"<style>{STYLE}</style></head><body>{menu}<main><h1>{esc(title)}</h1>"
        f"{shown}{body}</main></body></html>"
    )


def hidden(name: str, value: str) -> str:
    """A hidden form field."""
    return f'<input type="hidden" name="{esc(name)}" value="{esc(value)}">'


def problem_box(title: str, text: str) -> str:
    """A red box that is read out (role alert): something was refused or is wrong."""
    detail = f"<pre>{esc(text)}</pre>" if text else ""
    return f'<div class="problem" role="alert"><strong>{esc(title)}</strong>{detail}</div>'


def login_page(error: str = "") -> str:
    """The log-in form; `error` says why the last try was refused."""
    body = (problem_box(error, "") if error else "") + (
        '<form method="post" action="/login">'
        '<label for="token">Staff token</label>'
        '<input type="password" id="token" name="token" autocomplete="current-password" required>'
        "<button>Log in</button></form>"
        '<p class="muted">The token is printed when the staff page starts '
        "(or set in STAFF_TOKEN).</p>"
    )
    return layout("Log in", body, csrf=None)


def faq_list(
    faqs: Sequence[FaqSource], problems: Sequence[Problem], *, csrf: str, notices: Sequence[str]
) -> str:
    """Every FAQ as a table row, and what would stop the next retrain."""
    rows = []
    for faq in faqs:
        examples = "".join(f"<li>{esc(example.text)}</li>" for example in faq.examples)
        section = esc(faq.section) + (
            f"<br><span class=muted>{esc(faq.source)}</span>" if faq.source else ""
        )
        rows.append(
            f'<tr id="faq-{esc(faq.key)}">'
            f'<td><a href="/faqs/{esc(faq.key)}">{esc(faq.key)}</a></td>'
            f"<td>{esc(faq.question)}</td><td>{esc(faq.answer)}</td>"
            f"<td><details><summary>{len(faq.examples)} examples</summary><ul>{examples}</ul>"
            f"</details></td><td>{section}</td>"
            f"<td>{esc(faq.review_date or 'not reviewed')}<br>"
            f"<span class=muted>{esc(faq.reviewed_by)}</span></td></tr>"
        )
    body = ""
    if problems:
        body += problem_box(
            f"{len(problems)} problem(s) would stop the next retrain (make faq-check):",
            "\n".join(str(problem) for problem in problems),
        )
    body += (
        f"<p>{len(faqs)} FAQs. Click a key to change that FAQ.</p>"
        "<table><thead><tr><th>Key</th><th>Question</th><th>Answer</th><th>Examples</th>"
        "<th>Section</th><th>Reviewed</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )
    return layout("FAQs", body, csrf=csrf, notices=notices)


def _options(values: Iterable[str], chosen: str) -> str:
    return '<option value="">(choose)</option>' + "".join(
        f"<option{' selected' if value == chosen else ''}>{esc(value)}</option>" for value in values
    )


def faq_values_fields() -> tuple[str, ...]:
    """The FAQ form's field names: the FAQ source's fields."""
    return FIELDS


def faq_values(faq: FaqSource) -> dict[str, str]:
    """An FAQ as the form's fields."""
    return {
        "key": faq.key,
        "question": faq.question,
        "answer": faq.answer,
        "section": faq.section,
        "source": faq.source,
        "topic": faq.topic,
        "tell_me_more": faq.tell_me_more,
        "follow_ups": ", ".join(faq.follow_ups),
        "reviewed_by": faq.reviewed_by,
        "review_date": faq.review_date.isoformat() if faq.review_date else "",
        "examples": "\n".join(example.text for example in faq.examples),
    }


def faq_form(
    values: Mapping[str, str],
    *,
    new: bool,
    keys: Sequence[str],
    csrf: str,
    problems: Sequence[str] = (),
    output: str = "",
    notices: Sequence[str] = (),
) -> str:
    """The form to add an FAQ (`new`) or change one; `output` is what the import said."""

    def text(name: str, label: str, hint: str = "") -> str:
        return (
            f'<label for="{name}">{esc(label)}</label>'
            + (f'<div class="muted">{esc(hint)}</div>' if hint else "")
            + f'<input type="text" id="{name}" name="{name}" value="{esc(values.get(name, ""))}">'
        )

    key = values.get("key", "")
    body = ""
    if output:
        body += problem_box("Not saved. The checks said:", output)
    if problems:
        body += problem_box("This FAQ would stop the next retrain:", "\n".join(problems))
    key_field = (
        text("key", "Key", "lower case letters, digits and _, like opening_hours")
        if new
        else hidden("key", key) + f"<p>Key: <strong>{esc(key)}</strong></p>"
    )
    today = dt.date.today().isoformat()
    body += (
        f'<form method="post" action="/faqs/save">{hidden("csrf", csrf)}'
        f"{hidden('mode', 'new' if new else 'edit')}{key_field}"
        + text("question", "Question", "a short question ending in ?")
        + '<label for="answer">Answer</label>'
        f'<textarea id="answer" name="answer" rows="5">{esc(values.get("answer", ""))}</textarea>'
        f'<label for="section">Article section</label><select id="section" name="section">'
        f"{_options(ARTICLE_SECTIONS, values.get('section', ''))}</select>"
        + text("source", "Other source (optional)")
        + f'<label for="topic">Topic</label><select id="topic" name="topic">'
        f"{_options(TOPICS, values.get('topic', ''))}</select>"
        f'<label for="tell_me_more">"Tell me more" leads to</label>'
        f'<select id="tell_me_more" name="tell_me_more">'
        f"{_options(keys, values.get('tell_me_more', ''))}</select>"
        + text("follow_ups", "Follow-up buttons", "keys of other FAQs, separated by commas")
        + text("reviewed_by", "Reviewed by")
        + '<label for="review_date">Review date</label>'
        f'<input type="date" id="review_date" name="review_date" max="{today}" '
        f'value="{esc(values.get("review_date", ""))}">'
        '<label for="examples">Example questions, one a line, in patients\' own words</label>'
        f'<textarea id="examples" name="examples" rows="12">'
        f"{esc(values.get('examples', ''))}</textarea>"
        "<button>Save</button></form>"
        '<p class="muted">Saving runs the same checks as <code>make faq-import</code>; a field '
        "left empty keeps what the FAQ already says. Run a retrain to put changes live.</p>"
    )
    return layout(
        "Add an FAQ" if new else f"Change the FAQ {key}", body, csrf=csrf, notices=notices
    )


def _date(value: dt.datetime) -> str:
    return f"{value:%Y-%m-%d}"


def inbox_page(
    inbox: Inbox | None,
    keys: Sequence[str],
    *,
    csrf: str,
    error: str = "",
    output: str = "",
    notices: Sequence[str] = (),
) -> str:
    """The groups of unanswered messages, each with its two actions, and answers rated."""
    body = ""
    if error:
        body += problem_box("The inbox cannot be read:", error)
    if output:
        body += problem_box("Not done:", output)
    if inbox is None:
        return layout("Inbox", body, csrf=csrf, notices=notices)
    total = sum(group.count for group in inbox.groups)
    body += (
        f"<p>{total} unanswered message(s) in {len(inbox.groups)} group(s), from "
        f"{inbox.conversations} stored conversation(s). Most frequent first.</p>"
    )
    options = _options(keys, "")
    for number, group in enumerate(inbox.groups, 1):
        messages = []
        for message in group.messages:
            actions = (
                '<div class="muted">Contact details were removed from this message, so it '
                "cannot be added to the FAQs.</div>"
                if message.masked
                else (
                    f'<form class="inline" method="post" action="/inbox/add">{hidden("csrf", csrf)}'
                    f"{hidden('message', message.text)}<label>Add to FAQ "
                    f'<select name="faq" aria-label="FAQ for: {esc(message.text)}">'
                    f"{options}</select></label>"
                    "<button>Add as example</button></form>"
                    f'<form class="inline" method="post" action="/inbox/new">{hidden("csrf", csrf)}'
                    f"{hidden('message', message.text)}<label>New FAQ key "
                    '<input type="text" name="key" '
                    f'aria-label="New FAQ key for: {esc(message.text)}"></label>'
                    "<button>Start a new FAQ</button></form>"
                )
            )
            messages.append(
                f'<div class="message"><strong>{esc(message.text)}</strong> '
                f'<span class="muted">{message.count}x, {_date(message.first)} to '
                f"{_date(message.last)}</span><div>{actions}</div></div>"
            )
        body += (
            f'<section class="group" id="group-{esc(group.id)}"><h2>{number}. {group.count}x '
            f"<span class=muted>{_date(group.first)} to {_date(group.last)}</span></h2>"
            f"<div class=muted>Replies: {esc(reply_summary(group.replies))}</div>"
            f"{''.join(messages)}</section>"
        )
    answers = (
        "".join(
            f"<tr><td>{esc(row.key)}</td><td>{row.answers}</td><td>{row.helpful}</td>"
            f"<td>{row.not_helpful}</td></tr>"
            for row in answer_rows(inbox)
        )
        or '<tr><td colspan="4">none yet</td></tr>'
    )
    body += (
        "<h2>Answers given, by FAQ</h2><p class=muted>Helped and did not help are what patients "
        "said with the buttons under an answer, or in their own words.</p>"
        '<table aria-label="Answers given, by FAQ"><thead><tr><th>FAQ</th><th>Answers</th>'
        "<th>Helped</th><th>Did not help</th></tr>"
        f"</thead><tbody>{answers}</tbody></table>"
    )
    return layout("Inbox", body, csrf=csrf, notices=notices)


def retrain_page(state: RetrainState | None, *, csrf: str, notices: Sequence[str] = ()) -> str:
    """The retrain's progress (refreshed every 2 s while it runs), output and report."""
    start = (
        f'<form method="post" action="/retrain">{hidden("csrf", csrf)}'
        "<button>Retrain now</button></form>"
        '<p class="muted">Checks the FAQs, trains a new model and tests it against the live one '
        "(make retrain). It takes a few minutes; this page updates itself.</p>"
    )
    if state is None:
        return layout(
            "Retrain",
            "<p>No retrain has run from this page yet.</p>" + start,
            csrf=csrf,
            notices=notices,
        )
    if state.running:
        body = (
            f'<p role="status">Retraining… {state.elapsed_s:.0f} s so far. '
            "This page refreshes every 2 seconds.</p>"
        )
    elif state.status == 0:
        body = (
            f'<div class="notice" role="status">The retrain finished in {state.elapsed_s:.0f} s: '
            "the new model was accepted (or nothing had changed).</div>"
        )
    else:
        body = problem_box(
            f"The retrain stopped (exit status {state.status}): the live model is unchanged.",
            "Its output below says why.",
        )
    body += f'<h2>Output</h2><pre id="output">{esc(state.output or "(nothing yet)")}</pre>'
    if not state.running:
        if state.report is not None:
            body += (
                f"<h2>Report {esc(state.report_name)}</h2>"
                f'<pre id="report">{esc(state.report)}</pre>'
            )
        else:
            body += "<p>No report was written.</p>"
        body += start
    return layout(
        "Retrain", body, csrf=csrf, notices=notices, refresh_s=2 if state.running else None
    )


def error_page(status: int, message: str) -> str:
    """A plain sentence for a refused or failed request: never a trace."""
    return layout(
        f"Sorry: {status}",
        f'<p>{esc(message)}</p><p><a href="/">Back to the FAQs</a></p>',
        csrf=None,
    )
