"""Debug-log arguments uncopied only in modules whose every `copy` is one."""

from __future__ import annotations

import ast
import copy
import importlib
import inspect

import pytest

from rasa_server.patches import log_arguments


def log_call_copies(module_name: str) -> tuple[int, int]:
    """(uses of `copy` in the module, those that are `copy.deepcopy` in a structlogger call)."""
    tree = ast.parse(inspect.getsource(importlib.import_module(module_name)))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def in_log_call(node: ast.AST) -> bool:
        while node in parents:
            node = parents[node]
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "structlogger"
            ):
                return True
        return False

    uses = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "copy"
    ]
    logged = [node for node in uses if node.attr == "deepcopy" and in_log_call(node)]
    return len(uses), len(logged)


@pytest.mark.parametrize("module_name", log_arguments.LOG_ONLY_COPIES)
def test_these_modules_deep_copy_only_what_they_log(module_name: str) -> None:
    uses, logged = log_call_copies(module_name)
    assert uses > 0 and logged == uses


def test_a_module_that_copies_for_itself_is_recognised() -> None:
    uses, logged = log_call_copies("rasa.shared.core.events")  # one copy is not for a log
    assert logged < uses


def test_log_arguments_are_passed_as_they_are() -> None:
    log_arguments.apply()
    log_arguments.apply()  # applying twice is harmless
    for name in log_arguments.LOG_ONLY_COPIES:
        assert importlib.import_module(name).copy is log_arguments.LogArgumentsUncopied
    value = {"entities": [{"entity": "condition"}]}
    assert log_arguments.LogArgumentsUncopied.deepcopy(value) is value
    assert importlib.import_module("rasa.shared.core.events").copy is copy  # untouched


def test_a_module_whose_copy_is_something_else_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    processor = importlib.import_module("rasa.core.processor")
    monkeypatch.setattr(processor, "copy", object())
    with pytest.raises(RuntimeError, match=r"rasa\.core\.processor"):
        log_arguments.apply()
