"""The staff page over HTTP: log-in, form tokens, escaping, FAQ forms, inbox, retrain, errors."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import requests

from clinic.faq.source import parse_source
from tests.rasa_server.stores.stored_conversations import save_conversation
from tests.staff_app.server_process import TOKEN, StaffPage, running_staff_page

TODAY = dt.date.today().isoformat()
NEW_FAQ = {
    "key": "parking",
    "question": "Where can I park?",
    "answer": "There is free parking behind the clinic. Ask at the desk for a permit.",
    "section": "Schedule a Joint Pain Consultation",
    "topic": "general",
    "tell_me_more": "specialist_consultation",
    "reviewed_by": "Dr Ana Ruiz",
    "review_date": TODAY,
    "examples": "\n".join(
        [
            "where can i park",
            "is there parking",
            "car park near the clinic",
            "do you have parking spaces",
            "can i leave my car at the clinic",
            "parking permit",
            "is parking free",
            "where do i put my car",
            "disabled parking",
            "how much is parking",
        ]
    ),
}


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no form token on the page"
    return match.group(1)


def post_form(session: requests.Session, page: StaffPage, path: str, form: dict[str, str]):
    token = csrf_of(session.get(f"{page.url}/").text)
    return session.post(f"{page.url}{path}", data={**form, "csrf": token})


def test_pages_need_a_log_in_and_a_wrong_token_is_refused(staff_page: StaffPage) -> None:
    first = requests.get(f"{staff_page.url}/inbox", allow_redirects=False, timeout=10)
    assert first.status_code == 303 and first.headers["Location"] == "/login"
    wrong = requests.post(f"{staff_page.url}/login", data={"token": TOKEN + "x"}, timeout=10)
    assert wrong.status_code == 401
    assert "That token is not right" in wrong.text and "staff_session" not in wrong.cookies
    blind = requests.post(f"{staff_page.url}/faqs/save", data=NEW_FAQ | {"mode": "new"}, timeout=10)
    assert blind.status_code == 403 and "log in" in blind.text
    assert not (staff_page.faqs / "parking.yml").exists()


def test_a_form_without_the_sessions_token_is_refused(staff_page: StaffPage) -> None:
    session = staff_page.logged_in()
    for token in ("", "forged"):
        response = session.post(
            f"{staff_page.url}/faqs/save", data=NEW_FAQ | {"mode": "new", "csrf": token}
        )
        assert response.status_code == 403 and "form has expired" in response.text
    assert not (staff_page.faqs / "parking.yml").exists()


def test_pages_send_no_script_and_refuse_framing(staff_page: StaffPage) -> None:
    response = staff_page.logged_in().get(f"{staff_page.url}/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "<script" not in response.text


def test_text_from_an_faq_file_is_escaped(staff_page: StaffPage) -> None:
    source = (staff_page.faqs / "sciatica.yml").read_text(encoding="utf-8")
    (staff_page.faqs / "xss_probe.yml").write_text(
        source.replace("key: sciatica", "key: xss_probe").replace(
            "question: What is sciatica?", 'question: "<script>alert(1)</script>?"'
        ),
        encoding="utf-8",
    )
    try:
        text = staff_page.logged_in().get(f"{staff_page.url}/").text
    finally:
        (staff_page.faqs / "xss_probe.yml").unlink()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;?" in text
    assert "<script>alert(1)" not in text


def test_an_faq_that_fails_the_checks_is_not_saved_and_the_problems_are_shown(
    staff_page: StaffPage,
) -> None:
    session = staff_page.logged_in()
    form = NEW_FAQ | {"mode": "new", "key": "parking_short", "examples": "park\nparking?"}
    form["answer"] = "Take 2 tablets twice a day and park behind the clinic."
    response = post_form(session, staff_page, "/faqs/save", form)
    assert response.status_code == 422
    assert "Not saved. The checks said:" in response.text
    assert "only 2 example questions" in response.text
    assert "dose" in response.text
    assert "Traceback" not in response.text
    assert 'value="parking_short"' in response.text  # what staff typed is kept
    assert not (staff_page.faqs / "parking_short.yml").exists()


def test_a_new_faq_over_an_existing_key_is_refused(staff_page: StaffPage) -> None:
    session = staff_page.logged_in()
    before = (staff_page.faqs / "sciatica.yml").read_text(encoding="utf-8")
    form = NEW_FAQ | {"mode": "new", "key": "sciatica"}
    response = post_form(session, staff_page, "/faqs/save", form)
    assert (
        response.status_code == 422
        and "There is already an FAQ &#x27;sciatica&#x27;" in response.text
    )
    assert (staff_page.faqs / "sciatica.yml").read_text(encoding="utf-8") == before


def test_editing_a_deleted_faq_is_refused(staff_page: StaffPage) -> None:
    form = NEW_FAQ | {"mode": "edit", "key": "gone_meanwhile"}
    response = post_form(staff_page.logged_in(), staff_page, "/faqs/save", form)
    assert (
        response.status_code == 422
        and "There is no FAQ &#x27;gone_meanwhile&#x27;" in response.text
    )


def test_changing_an_faqs_answer_writes_its_source_and_says_so(staff_page: StaffPage) -> None:
    session = staff_page.logged_in()
    form_page = session.get(f"{staff_page.url}/faqs/sciatica")
    assert form_page.status_code == 200 and "Change the FAQ sciatica" in form_page.text
    answer = "Sciatica is pain along the sciatic nerve, from the lower back down one leg."
    response = post_form(
        session, staff_page, "/faqs/save", {"mode": "edit", "key": "sciatica", "answer": answer}
    )
    assert response.status_code == 200 and "row 2 sciatica: changed: answer" in response.text
    faq, _ = parse_source((staff_page.faqs / "sciatica.yml").read_text("utf-8"), "sciatica")
    assert faq.answer == answer and faq.question == "What is sciatica?"
    again = session.get(f"{staff_page.url}/")
    assert "changed: answer" not in again.text  # a notice is shown once


def test_unknown_faqs_and_pages_are_a_plain_404(staff_page: StaffPage) -> None:
    session = staff_page.logged_in()
    missing = session.get(f"{staff_page.url}/faqs/no_such_faq")
    assert missing.status_code == 404 and "There is no FAQ &#x27;no_such_faq&#x27;." in missing.text
    nowhere = session.get(f"{staff_page.url}/no/such/page")
    assert nowhere.status_code == 404 and "There is no such page." in nowhere.text


def test_the_inbox_lists_groups_with_contact_details_hidden(
    staff_page: StaffPage, store: str
) -> None:
    start = time.time() - 3600
    save_conversation(store, "i1", [("can I bring my dog", "utter_out_of_scope")], start)
    save_conversation(
        store, "i2", [("call me on 07700 900123 about my dog", "utter_cannot_answer")], start
    )
    save_conversation(store, "i3", [("sciatica", "utter_faq/sciatica")], start)
    text = staff_page.logged_in().get(f"{staff_page.url}/inbox").text
    assert "can I bring my dog" in text and "900123" not in text
    assert "Contact details were removed from this message" in text
    assert "<td>sciatica</td><td>1</td><td>0</td><td>0</td>" in text


def test_inbox_actions_without_a_choice_or_refused_say_why(staff_page: StaffPage) -> None:
    session = staff_page.logged_in()
    no_faq = post_form(session, staff_page, "/inbox/add", {"faq": "", "message": "dogs?"})
    assert no_faq.status_code == 422 and "Choose the FAQ" in no_faq.text
    no_key = post_form(session, staff_page, "/inbox/new", {"key": " ", "message": "dogs?"})
    assert no_key.status_code == 422 and "Type a key" in no_key.text
    clash = post_form(
        session, staff_page, "/inbox/add", {"faq": "sciatica", "message": "what is spinal stenosis"}
    )
    assert clash.status_code == 422 and "Not done: adding it would stop" in clash.text
    taken = post_form(session, staff_page, "/inbox/new", {"key": "sciatica", "message": "dogs?"})
    assert taken.status_code == 422 and "already an FAQ &#x27;sciatica&#x27;" in taken.text


def wait_for_retrain(session: requests.Session, page: StaffPage) -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        text = session.get(f"{page.url}/retrain").text
        if "Retraining…" not in text:
            return text
        time.sleep(0.3)
    raise AssertionError("the fake retrain did not finish in 30 s")


def test_a_retrain_shows_progress_then_its_report(staff_page: StaffPage) -> None:
    session = staff_page.logged_in()
    assert "No retrain has run from this page yet." in session.get(f"{staff_page.url}/retrain").text
    staff_page.retrain_exits_with(0)
    with staff_page.retrain_held():
        running = post_form(session, staff_page, "/retrain", {})
        assert "Retraining…" in running.text and 'http-equiv="refresh" content="2"' in running.text
        twice = post_form(session, staff_page, "/retrain", {})
        assert "A retrain is already running" in twice.text
    done = wait_for_retrain(session, staff_page)
    assert "the new model was accepted" in done and "4/4 Comparing" in done
    assert "| examples | 0.97 | 0.98 |" in done and 'http-equiv="refresh"' not in done


def test_a_refused_retrain_says_the_live_model_is_unchanged(staff_page: StaffPage) -> None:
    session = staff_page.logged_in()
    staff_page.retrain_exits_with(1)
    post_form(session, staff_page, "/retrain", {})
    done = wait_for_retrain(session, staff_page)
    assert "The retrain stopped (exit status 1): the live model is unchanged." in done
    assert "refused: &lt;b&gt;sciatica&lt;/b&gt; got worse" in done


def test_a_store_or_settings_that_cannot_be_read_are_plain_errors(tmp_path: Path) -> None:
    with running_staff_page(
        tmp_path,
        "redis://127.0.0.1:1/0",
        retrain_command=("/no/such/retrain",),
        # 18 s: long enough for the steps below on a busy machine, short enough to wait out.
        extra_args=("--session-hours", "0.005"),
    ) as page:
        session = page.logged_in()
        logged_in_at = time.monotonic()
        inbox = session.get(f"{page.url}/inbox")
        assert inbox.status_code == 503
        assert "The inbox cannot be read:" in inbox.text and "127.0.0.1:1" in inbox.text
        retrain = post_form(session, page, "/retrain", {})
        assert "The retrain could not start (No such file or directory)." in retrain.text
        page.faq_config.write_text("checks:\n  min_examples: lots\n", encoding="utf-8")
        broken = session.get(f"{page.url}/")
        assert broken.status_code == 500
        assert "The FAQ settings cannot be read" in broken.text and "Traceback" not in broken.text
        assert time.monotonic() - logged_in_at < 18, "too slow to test the session's end"
        time.sleep(max(0.0, logged_in_at + 18.5 - time.monotonic()))
        expired = session.get(f"{page.url}/inbox", allow_redirects=False)
        assert expired.status_code == 303 and expired.headers["Location"] == "/login"


def test_logging_out_ends_the_session(staff_page: StaffPage) -> None:
    session = staff_page.logged_in()
    cookie = session.cookies["staff_session"]
    out = post_form(session, staff_page, "/logout", {})
    assert out.status_code == 200 and "Log in" in out.text
    again = requests.get(
        f"{staff_page.url}/", cookies={"staff_session": cookie}, allow_redirects=False, timeout=10
    )
    assert again.status_code == 303 and again.headers["Location"] == "/login"


def test_an_faq_file_that_cannot_be_read_stops_saving_and_says_which(
    staff_page: StaffPage,
) -> None:
    broken = staff_page.faqs / "zz_broken.yml"
    broken.write_text("key: [zz_broken\n", encoding="utf-8")
    try:
        response = post_form(
            staff_page.logged_in(), staff_page, "/faqs/save", NEW_FAQ | {"mode": "new"}
        )
    finally:
        broken.unlink()
    assert response.status_code == 422
    assert "fix these FAQ files before importing" in response.text
    assert "faqs/zz_broken.yml line" in response.text
    assert not (staff_page.faqs / "parking.yml").exists()
