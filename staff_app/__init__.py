"""The staff page: the FAQs, the inbox of unanswered questions and the retrain, in a browser.

Every change the page makes runs the same command a `make` target runs (faq-import,
inbox-add, inbox-new, retrain), so the page holds no FAQ logic of its own: it collects
a form, runs the command and shows what the command printed.
"""
